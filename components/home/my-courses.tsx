import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ProgressBar } from "@/components/ui/progress-bar";
import type { MyCourse } from "@/lib/learning/queries";

/** The first of my courses, those I worked on last first; "All courses" leads to the rest. */
export async function MyCourses({ courses, more }: { courses: MyCourse[]; more: boolean }) {
  const t = await getTranslations("home");
  return (
    <section aria-labelledby="my-courses">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="my-courses" className="text-lg font-semibold">
          {t("myCourses")}
        </h2>
        {more && (
          <Link href="/courses" className="text-sm font-medium text-brand-700 hover:underline">
            {t("allCourses")}
          </Link>
        )}
      </div>
      {courses.length === 0 ? (
        <p className="mt-3 rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-600">{t("noCourses")}</p>
      ) : (
        <ul className="mt-3 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {courses.map((course) => (
            <li key={course.id} className="grid gap-2 p-4 sm:grid-cols-[1fr_14rem] sm:items-center">
              <div>
                <h3 className="font-medium">
                  <Link href={`/courses/${course.id}`} className="text-brand-700 hover:underline">
                    {course.title}
                  </Link>
                </h3>
                <p className="text-sm text-slate-600">
                  {t("lessons", { count: course.lessonCount })}
                  {" · "}
                  {course.completedAt
                    ? t("completedOn", { date: course.completedAt })
                    : course.lastActivityAt
                      ? t("lastActivity", { date: course.lastActivityAt })
                      : t("notStarted")}
                </p>
              </div>
              <div className="space-y-1">
                <p className="text-sm" data-testid="course-percent">
                  {t("myProgress", { percent: course.percent })}
                </p>
                <ProgressBar percent={course.percent} label={t("progressLabel", { course: course.title })} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
