import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { loadPerson } from "./load";

/**
 * A person that does not exist for the viewer (unknown, another company's, an id that is no uuid)
 * answers 404. Checked here, above the page's loading boundary: once the page streams, the status
 * is already 200.
 * Reads the first audit page, which the page reuses unless it shows another.
 */
export default async function PersonLayout({ children, params }: { children: ReactNode; params: Promise<{ id: string }> }) {
  if (!(await loadPerson((await params).id, 1))) notFound();
  return children;
}
