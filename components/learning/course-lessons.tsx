import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import type { LessonSummary } from "@/lib/learning/queries";

/** A course's lessons in order, each with my done mark and quiz score. */
export async function CourseLessons({ courseId, lessons }: { courseId: string; lessons: readonly LessonSummary[] }) {
  const t = await getTranslations("course");
  if (lessons.length === 0) {
    return <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-700">{t("noLessons")}</p>;
  }
  return (
    <ol className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
      {lessons.map((lesson, index) => {
        const done = lesson.completedAt !== null;
        return (
          <li key={lesson.id} className="flex flex-wrap items-center gap-x-4 gap-y-2 p-4">
            <span
              aria-hidden="true"
              className={`flex size-8 shrink-0 items-center justify-center rounded-full text-sm font-semibold ${done ? "bg-emerald-600 text-white" : "bg-slate-100 text-slate-700"}`}
            >
              {done ? "✓" : index + 1}
            </span>
            <div className="min-w-0 flex-1">
              <p className="text-xs text-slate-600">{t("lessonNumber", { number: index + 1 })}</p>
              <Link href={`/courses/${courseId}/lessons/${lesson.id}`} className="font-medium break-words text-brand-700 hover:underline">
                {lesson.title}
              </Link>
            </div>
            <div className="flex flex-wrap items-center gap-2 text-sm">
              {lesson.hasQuiz && <Badge tone="brand">{t("quiz")}</Badge>}
              {lesson.score !== null && <span className="tabular-nums text-slate-700">{t("score", { score: lesson.score })}</span>}
              <Badge tone={done ? "success" : "neutral"}>{done ? t("done") : t("notDone")}</Badge>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
