import { getFormatter, getTranslations } from "next-intl/server";
import { Cell, Row, RowHeader } from "@/components/ui/data-table";
import { ProgressBar } from "@/components/ui/progress-bar";
import type { PersonCourse } from "@/lib/people/queries/person";
import { PersonSection } from "./person-section";

export async function PersonCourses({ courses }: { courses: readonly PersonCourse[] }) {
  const [t, format] = await Promise.all([getTranslations("people.person.courses"), getFormatter()]);
  const date = (value: Date) => <time dateTime={value.toISOString()}>{format.dateTime(value, "date")}</time>;
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
        <Row key={course.courseId}>
          <RowHeader>{course.title}</RowHeader>
          <Cell>
            <div className="flex min-w-40 items-center gap-3">
              <ProgressBar percent={course.percent} label={t("progressLabel", { course: course.title })} />
              <span className="tabular-nums">{t("percent", { percent: course.percent })}</span>
            </div>
          </Cell>
          <Cell className="tabular-nums">{format.number(course.lessonsDone)}</Cell>
          <Cell className="tabular-nums">{date(course.lastActivityAt)}</Cell>
          <Cell className="tabular-nums">{course.completedAt ? date(course.completedAt) : t("notCompleted")}</Cell>
        </Row>
      ))}
    </PersonSection>
  );
}
