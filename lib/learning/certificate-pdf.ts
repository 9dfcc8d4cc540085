import "server-only";
import PDFDocument from "pdfkit";

/** The certificate's sentences, already translated and formatted for the reader. */
export type CertificateText = {
  title: string;
  issuer: string;
  awardedTo: string;
  name: string;
  completed: string;
  course: string;
  date: string;
  serial: string;
};

/** A name for the downloaded file that no browser or file system can misread: the serial's safe characters only. */
export function certificateFileName(serial: string): string {
  return `certificate-${serial.replace(/[^A-Za-z0-9_-]+/g, "-")}.pdf`;
}

/**
 * A one-page landscape certificate, drawn on request. Everything on it is real text (PDF's built-in
 * Helvetica, whose metrics pdfkit reads from its own folder at run time), so it can be searched,
 * copied and read back by tests.
 */
export function renderCertificatePdf(text: CertificateText): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    layout: "landscape",
    margin: 72,
    info: { Title: `${text.title}: ${text.course}`, Author: text.issuer, Subject: text.name },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const { width, height } = doc.page;
  doc
    .lineWidth(3)
    .strokeColor("#1d4ed8")
    .rect(24, 24, width - 48, height - 48)
    .stroke();
  doc
    .lineWidth(1)
    .rect(34, 34, width - 68, height - 68)
    .stroke();

  const centred = { align: "center" as const };
  doc.fillColor("#475569").font("Helvetica").fontSize(14).text(text.issuer, 72, 90, centred);
  doc.moveDown(0.8).fillColor("#0f172a").font("Helvetica-Bold").fontSize(34).text(text.title, centred);
  doc.moveDown(1).font("Helvetica").fontSize(16).fillColor("#334155").text(text.awardedTo, centred);
  doc.moveDown(0.5).font("Helvetica-Bold").fontSize(28).fillColor("#0f172a").text(text.name, centred);
  doc.moveDown(0.5).font("Helvetica").fontSize(16).fillColor("#334155").text(text.completed, centred);
  doc.moveDown(0.5).font("Helvetica-Bold").fontSize(22).fillColor("#1e3a8a").text(text.course, centred);

  doc.font("Helvetica").fontSize(12).fillColor("#334155");
  doc.text(text.date, 72, height - 120, { align: "left", width: (width - 144) / 2 });
  doc.text(text.serial, width / 2, height - 120, { align: "right", width: (width - 144) / 2 });

  doc.end();
  return done;
}
