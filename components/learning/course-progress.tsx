import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import { ProgressBar } from "@/components/ui/progress-bar";
import type { CourseForLearner } from "@/lib/learning/queries";

/** Where I stand in a course, the way on ("Continue"), and my certificate once I finished it. */
export async function CourseProgress({ course }: { course: CourseForLearner }) {
  const [t, tCourses] = await Promise.all([getTranslations("course"), getTranslations("courses")]);
  const { progress } = course;
  // Counted from the lessons shown, so the sentence matches their marks even after a re-import.
  const done = course.lessons.filter((lesson) => lesson.completedAt !== null).length;
  return (
    <section aria-labelledby="course-progress" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="min-w-48 flex-1 space-y-2">
          <h2 id="course-progress" className="text-sm font-medium text-slate-900">
            {t("progress", { done, total: course.lessons.length })}
          </h2>
          <ProgressBar percent={progress.percent} label={tCourses("progressLabel", { course: course.title })} />
          {progress.score !== null && <p className="text-sm text-slate-700">{t("averageScore", { score: progress.score })}</p>}
        </div>
        {course.nextLessonId && (
          <Link href={`/courses/${course.id}/lessons/${course.nextLessonId}`} className={buttonClass("primary")}>
            {done === 0 ? t("start") : t("continue")}
          </Link>
        )}
      </div>
      {progress.completedAt && (
        <p className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          <span>{t("finished", { date: progress.completedAt })}</span>
          {course.certificateId && (
            <Link href={`/certificates/${course.certificateId}`} className="font-medium underline">
              {t("viewCertificate")}
            </Link>
          )}
        </p>
      )}
    </section>
  );
}
