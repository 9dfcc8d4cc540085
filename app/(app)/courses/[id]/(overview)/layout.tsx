import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { loadCourse } from "./load";

/**
 * A course that does not exist for the viewer (unknown, another company's, an id that is no uuid)
 * answers 404. Checked here, above the page's loading boundary: once the page streams, the status
 * is already 200.
 * (Its lessons check their own, in theirs.)
 */
export default async function CourseLayout({ children, params }: { children: ReactNode; params: Promise<{ id: string }> }) {
  if (!(await loadCourse((await params).id))) notFound();
  return children;
}
