import { getFormatter, getTranslations } from "next-intl/server";
import { TableScroller } from "@/components/ui/table-scroller";
import type { AdminCourseRow } from "@/lib/learning/import/queries";

const th = "px-4 py-3 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase";
const td = "px-4 py-3 align-middle whitespace-nowrap";

export async function CoursesTable({ rows }: { rows: readonly AdminCourseRow[] }) {
  const [t, format] = await Promise.all([getTranslations("coursesAdmin"), getFormatter()]);
  const columns = [t("columns.key"), t("columns.lessons"), t("columns.learners"), t("columns.finished"), t("columns.updated")];
  return (
    <TableScroller label={t("tableLabel")}>
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{t("tableLabel")}</caption>
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className={th}>
              {t("columns.title")}
            </th>
            {columns.map((column) => (
              <th key={column} scope="col" className={th}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((course) => (
            <tr key={course.id} className="hover:bg-slate-50">
              <th scope="row" className={`${td} text-left font-medium whitespace-normal`}>
                {course.title}
              </th>
              <td className={`${td} font-mono text-xs`}>{course.key}</td>
              <td className={`${td} tabular-nums`}>{format.number(course.lessonCount)}</td>
              <td className={`${td} tabular-nums`}>{format.number(course.learners)}</td>
              <td className={`${td} tabular-nums`}>{format.number(course.finished)}</td>
              <td className={`${td} tabular-nums`}>
                <time dateTime={course.updatedAt.toISOString()}>{format.dateTime(course.updatedAt, { dateStyle: "medium" })}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroller>
  );
}
