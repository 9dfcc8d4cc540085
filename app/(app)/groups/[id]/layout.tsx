import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { loadGroup, loadPreview } from "./load";

/**
 * A group that does not exist for the viewer (unknown, another company's, an id that is no uuid)
 * answers 404. Checked here, above the page's loading boundary: once the page streams, the status
 * is already 200.
 */
export default async function GroupLayout({ children, params }: { children: ReactNode; params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!(await loadGroup(id)) && !(await loadPreview(id))) notFound();
  return children;
}
