import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { ProgressBar } from "@/components/ui/progress-bar";
import type { MyCourse } from "@/lib/learning/queries";

/** A page of my company's courses as cards: the whole card opens the course. `emptyPage`: a page past the last. */
export async function CourseList({ courses, emptyPage }: { courses: readonly MyCourse[]; emptyPage: boolean }) {
  const t = await getTranslations("courses");
  if (courses.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-700">{t(emptyPage ? "pageEmpty" : "empty")}</p>
    );
  }
  return (
    <ul aria-label={t("listLabel")} className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      {courses.map((course) => (
        <li
          key={course.id}
          className="relative flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm transition-shadow hover:shadow-md has-[a:focus-visible]:ring-2 has-[a:focus-visible]:ring-brand-600"
        >
          <div className="flex items-start justify-between gap-2">
            <h2 className="font-semibold">
              <Link
                href={`/courses/${course.id}`}
                className="text-slate-900 after:absolute after:inset-0 hover:text-brand-700 focus-visible:outline-none"
              >
                {course.title}
              </Link>
            </h2>
            {course.completedAt && <Badge tone="success">{t("completed")}</Badge>}
          </div>
          <p className="text-sm text-slate-600">{t("lessons", { count: course.lessonCount })}</p>
          <div className="mt-auto space-y-1">
            <p className="text-sm">{course.lastActivityAt ? t("progress", { percent: course.percent }) : t("notStarted")}</p>
            <ProgressBar percent={course.percent} label={t("progressLabel", { course: course.title })} />
          </div>
        </li>
      ))}
    </ul>
  );
}
