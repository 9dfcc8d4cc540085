import { getFormatter, getTranslations } from "next-intl/server";
import { ProgressBar } from "@/components/ui/progress-bar";
import { TableScroller } from "@/components/ui/table-scroller";
import type { PersonCourse } from "@/lib/people/person";
import { EmptyNote, SectionHeading, td, th } from "./person-section";

export async function PersonCourses({ courses }: { courses: readonly PersonCourse[] }) {
  const [t, format] = await Promise.all([getTranslations("people.person.courses"), getFormatter()]);
  const date = (value: Date) => <time dateTime={value.toISOString()}>{format.dateTime(value, { dateStyle: "medium" })}</time>;
  return (
    <section aria-labelledby="person-courses" className="space-y-3">
      <SectionHeading id="person-courses" title={t("title")} />
      {courses.length === 0 ? (
        <EmptyNote>{t("empty")}</EmptyNote>
      ) : (
        <TableScroller label={t("tableLabel")}>
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">{t("tableLabel")}</caption>
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className={th}>{t("course")}</th>
                <th scope="col" className={th}>{t("progress")}</th>
                <th scope="col" className={th}>{t("lessons")}</th>
                <th scope="col" className={th}>{t("lastActivity")}</th>
                <th scope="col" className={th}>{t("completed")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {courses.map((course) => (
                <tr key={course.courseId}>
                  <th scope="row" className={`${td} text-left font-medium whitespace-normal`}>
                    {course.title}
                  </th>
                  <td className={td}>
                    <div className="flex min-w-40 items-center gap-3">
                      <ProgressBar percent={course.percent} label={t("progressLabel", { course: course.title })} />
                      <span className="tabular-nums">{t("percent", { percent: course.percent })}</span>
                    </div>
                  </td>
                  <td className={`${td} tabular-nums`}>{format.number(course.lessonsDone)}</td>
                  <td className={`${td} tabular-nums`}>{date(course.lastActivityAt)}</td>
                  <td className={`${td} tabular-nums`}>{course.completedAt ? date(course.completedAt) : t("notCompleted")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroller>
      )}
    </section>
  );
}
