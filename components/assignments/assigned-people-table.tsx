import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { TableScroller } from "@/components/ui/table-scroller";
import type { DrillDownRow } from "@/lib/assignments/overview";
import { dueOnDate } from "./due-date";
import { AssignmentStatusBadge } from "./status-badge";

const th = "px-4 py-3 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase";
const td = "px-4 py-3 align-top whitespace-nowrap";

/** The people behind one row of the overview: who, which course, through which group, and how far. */
export async function AssignedPeopleTable({ rows }: { rows: readonly DrillDownRow[] }) {
  const [t, format] = await Promise.all([getTranslations("assignmentAdmin.people"), getFormatter()]);
  const day = (date: Date) => format.dateTime(date, { dateStyle: "medium" });
  return (
    <TableScroller label={t("caption")}>
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{t("caption")}</caption>
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className={th}>{t("person")}</th>
            <th scope="col" className={th}>{t("course")}</th>
            <th scope="col" className={th}>{t("group")}</th>
            <th scope="col" className={th}>{t("status")}</th>
            <th scope="col" className={th}>{t("due")}</th>
            <th scope="col" className={th}>{t("progress")}</th>
            <th scope="col" className={th}>{t("assigned")}</th>
            <th scope="col" className={th}>{t("completed")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.id} className={row.status === "overdue" ? "bg-red-50/40" : "hover:bg-slate-50"}>
              <th scope="row" className={`${td} text-left font-medium`}>
                <Link href={`/admin/people/${row.userId}`} className="text-brand-700 hover:underline">
                  {row.name}
                </Link>
                <span className="block text-xs font-normal text-slate-600">{row.email}</span>
              </th>
              <td className={`${td} whitespace-normal`}>{row.courseTitle}</td>
              <td className={`${td} whitespace-normal`}>{row.groupName ?? t("none")}</td>
              <td className={td}>
                <AssignmentStatusBadge status={row.status} />
              </td>
              <td className={td}>{format.dateTime(dueOnDate(row.dueOn), { dateStyle: "medium", timeZone: "UTC" })}</td>
              <td className={`${td} tabular-nums`}>{row.percent}%</td>
              <td className={td}>{day(row.assignedAt)}</td>
              <td className={td}>{row.completedAt ? day(row.completedAt) : t("none")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroller>
  );
}
