import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { loadCertificate } from "./load";

/**
 * A certificate that does not exist for the viewer (unknown, another company's, an id that is no uuid)
 * answers 404. Checked here, above the page's loading boundary: once the page streams, the status
 * is already 200.
 */
export default async function CertificateLayout({ children, params }: { children: ReactNode; params: Promise<{ id: string }> }) {
  if (!(await loadCertificate((await params).id))) notFound();
  return children;
}
