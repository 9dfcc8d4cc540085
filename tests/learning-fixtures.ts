import type { Database } from "@/db/client";
import { type Course, lessons, type QuizQuestion } from "@/db/schema";

/** A lesson written straight to the test database; `retired` marks one a re-import dropped. */
export async function createLesson(
  db: Database,
  course: Pick<Course, "id" | "companyId">,
  options: { position: number; title?: string; content?: string; quiz?: QuizQuestion[]; retired?: boolean },
) {
  const [lesson] = await db
    .insert(lessons)
    .values({
      companyId: course.companyId,
      courseId: course.id,
      key: `lesson-${options.position}${options.retired ? "-retired" : ""}`,
      position: options.position,
      title: options.title ?? `Lesson ${options.position}`,
      content: options.content ?? "",
      quiz: options.quiz ?? null,
      retiredAt: options.retired ? new Date() : null,
    })
    .returning();
  return lesson!;
}
