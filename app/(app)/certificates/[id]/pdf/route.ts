import { getFormatter, getTranslations } from "next-intl/server";
import { z } from "zod";
import { companyDb } from "@/db/client";
import { getViewer } from "@/lib/auth/current-user";
import { getCertificate } from "@/lib/learning/achievements";
import { certificateFileName, renderCertificatePdf } from "@/lib/learning/certificate-pdf";

export const dynamic = "force-dynamic";

/**
 * The certificate as a PDF, drawn on request for whoever may read its page (the owner, their
 * company's admins and HR staff); everyone else gets the same 404 as for an id that does not exist.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await getViewer();
  const certificate = viewer && z.uuid().safeParse(id).success ? await getCertificate(companyDb(viewer), viewer, id) : null;
  const [t, format] = await Promise.all([getTranslations(), getFormatter()]);
  if (!viewer || !certificate) {
    return new Response(t("errors.notFoundBody"), { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const pdf = await renderCertificatePdf({
    title: t("certificate.title"),
    issuer: viewer.companyName,
    awardedTo: t("certificate.pdfAwardedTo"),
    name: certificate.ownerName,
    completed: t("certificate.pdfCompleted"),
    course: certificate.courseTitle,
    date: t("certificate.pdfDate", { date: format.dateTime(certificate.issuedAt, "dateLong") }),
    serial: t("certificate.pdfSerial", { serial: certificate.serial }),
  });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${certificateFileName(certificate.serial)}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
