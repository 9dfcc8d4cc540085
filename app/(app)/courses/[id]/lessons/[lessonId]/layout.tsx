import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { loadLesson } from "./load";

/**
 * A lesson that does not exist for the viewer (unknown, another course's or company's, an id that is no uuid)
 * answers 404. Checked here, above the page's loading boundary: once the page streams, the status
 * is already 200.
 */
export default async function LessonLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ id: string; lessonId: string }>;
}) {
  const { id, lessonId } = await params;
  if (!(await loadLesson(id, lessonId))) notFound();
  return children;
}
