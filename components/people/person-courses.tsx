import { getFormatter, getTranslations } from "next-intl/server";
import { ProgressBar } from "@/components/ui/progress-bar";
import type { PersonCourse } from "@/lib/people/person";
import { PersonSection, td } from "./person-section";

export async function PersonCourses({ courses }: { courses: readonly PersonCourse[] }) {
  const [t, format] = await Promise.all([getTranslations("people.person.courses"), getFormatter()]);
  const date = (value: Date) => <time dateTime={value.toISOString()}>{format.dateTime(value, { dateStyle: "medium" })}</time>;
  return (
    <PersonSection
      id="person-courses"
      title={t("title")}
      label={t("tableLabel")}
      columns={[t("course"), t("progress"), t("lessons"), t("lastActivity"), t("completed")]}
      isEmpty={courses.length === 0}
      emptyText={t("empty")}
    >
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
    </PersonSection>
  );
}
