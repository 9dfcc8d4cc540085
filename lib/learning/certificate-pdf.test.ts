import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import { certificateFileName, renderCertificatePdf } from "./certificate-pdf";

describe("certificate PDF", () => {
  it("carries every line as text that can be read back", async () => {
    const pdf = await renderCertificatePdf({
      title: "Certificate of completion",
      issuer: "Acme",
      awardedTo: "This certifies that",
      name: "Jonas Müller",
      completed: "has completed the course",
      course: "Security Basics",
      date: "Date: 26 November 2026",
      serial: "Serial number: C0001-000042",
    });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const { text, totalPages } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
    expect(totalPages).toBe(1);
    for (const line of [
      "Acme",
      "Certificate of completion",
      "Jonas Müller",
      "Security Basics",
      "Date: 26 November 2026",
      "Serial number: C0001-000042",
    ]) {
      expect(text).toContain(line);
    }
  });

  it("names the file by the serial's safe characters only", () => {
    expect(certificateFileName("C0001-000042")).toBe("certificate-C0001-000042.pdf");
    expect(certificateFileName('A/B"c\\d e')).toBe("certificate-A-B-c-d-e.pdf");
  });
});
