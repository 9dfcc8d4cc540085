import { getFormatter, getTranslations } from "next-intl/server";
import { Cell, DataTable, Row, RowHeader } from "@/components/ui/data-table";
import type { AdminCourseRow } from "@/lib/learning/import/queries";

export async function CoursesTable({ rows }: { rows: readonly AdminCourseRow[] }) {
  const [t, format] = await Promise.all([getTranslations("coursesAdmin"), getFormatter()]);
  const columns = (["title", "key", "lessons", "learners", "finished", "updated"] as const).map((column) => ({
    label: t(`columns.${column}`),
  }));
  return (
    <DataTable label={t("tableLabel")} columns={columns}>
      {rows.map((course) => (
        <Row key={course.id}>
          <RowHeader>{course.title}</RowHeader>
          <Cell className="font-mono text-xs">{course.key}</Cell>
          <Cell className="tabular-nums">{format.number(course.lessonCount)}</Cell>
          <Cell className="tabular-nums">{format.number(course.learners)}</Cell>
          <Cell className="tabular-nums">{format.number(course.finished)}</Cell>
          <Cell className="tabular-nums">
            <time dateTime={course.updatedAt.toISOString()}>{format.dateTime(course.updatedAt, "date")}</time>
          </Cell>
        </Row>
      ))}
    </DataTable>
  );
}
