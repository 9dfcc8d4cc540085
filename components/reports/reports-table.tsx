import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { OverdueCount } from "@/components/assignments/overdue-count";
import { Badge } from "@/components/ui/badge";
import { TableScroller } from "@/components/ui/table-scroller";
import type { ReportFilters, ReportRow, ReportSort } from "@/lib/statistics/reports";

const th = "px-4 py-3 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase";
const td = "px-4 py-3 align-top whitespace-nowrap";

/**
 * The report's table. Sortable columns are links that sort by them (again: the other way), with
 * `aria-sort` on the current one. A row opens the group's Statistics tab for admins; HR staff may
 * not open a group, so for them the name is plain text.
 */
export async function ReportsTable({
  rows,
  filters,
  canOpenStatistics,
  sortHref,
}: {
  rows: readonly ReportRow[];
  filters: ReportFilters;
  canOpenStatistics: boolean;
  sortHref: (sort: ReportSort, direction: "asc" | "desc") => string;
}) {
  const [t, format] = await Promise.all([getTranslations("reports"), getFormatter()]);
  const sortable = (sort: ReportSort, label: string) => {
    const current = filters.sort === sort;
    const next = current && filters.direction === "asc" ? "desc" : "asc";
    return (
      <th scope="col" className={th} aria-sort={current ? (filters.direction === "asc" ? "ascending" : "descending") : undefined}>
        <Link
          href={sortHref(sort, next)}
          aria-label={t(next === "asc" ? "table.sortAscending" : "table.sortDescending", { column: label })}
          className="inline-flex items-center gap-1 hover:text-slate-900 hover:underline"
        >
          {label}
          {current && <span aria-hidden="true">{filters.direction === "asc" ? "▲" : "▼"}</span>}
        </Link>
      </th>
    );
  };
  const figure = (value: number | null, shown: (value: number) => ReactNode) =>
    value === null ? (
      <>
        <span aria-hidden="true" className="text-slate-600">
          {t("noFigure")}
        </span>
        <span className="sr-only">{t("noFigureLabel")}</span>
      </>
    ) : (
      shown(value)
    );
  return (
    <TableScroller label={t("table.caption")}>
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{t("table.caption")}</caption>
        <thead className="bg-slate-50">
          <tr>
            {sortable("name", t("table.name"))}
            <th scope="col" className={th}>{t("table.course")}</th>
            <th scope="col" className={th}>{t("table.status")}</th>
            <th scope="col" className={th}>{t("table.visibility")}</th>
            <th scope="col" className={th}>{t("table.owner")}</th>
            {sortable("members", t("table.members"))}
            {sortable("average", t("table.average"))}
            <th scope="col" className={th}>{t("table.done")}</th>
            <th scope="col" className={th}>{t("table.halfway")}</th>
            <th scope="col" className={th}>{t("table.notStarted")}</th>
            <th scope="col" className={th}>{t("table.overdue")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((group) => (
            <tr key={group.id} className="hover:bg-slate-50">
              <th scope="row" className={`${td} text-left font-medium whitespace-normal`}>
                {canOpenStatistics ? (
                  <Link href={`/groups/${group.id}?tab=statistics`} className="text-brand-700 hover:underline">
                    {group.name}
                  </Link>
                ) : (
                  group.name
                )}
              </th>
              <td className={`${td} whitespace-normal`}>{group.courseTitle ?? figure(null, () => null)}</td>
              <td className={td}>
                <Badge tone={group.archived ? "neutral" : "success"}>{t(group.archived ? "status.archived" : "status.active")}</Badge>
              </td>
              <td className={td}>{t(`visibility.${group.visibility}`)}</td>
              <td className={td}>{group.ownerName}</td>
              <td className={`${td} tabular-nums`}>{format.number(group.members)}</td>
              <td className={`${td} tabular-nums`}>{figure(group.average, (average) => t("average", { percent: average }))}</td>
              <td className={`${td} tabular-nums`}>{figure(group.done, (done) => format.number(done))}</td>
              <td className={`${td} tabular-nums`}>{figure(group.halfway, (halfway) => format.number(halfway))}</td>
              <td className={`${td} tabular-nums`}>{figure(group.notStarted, (notStarted) => format.number(notStarted))}</td>
              <td className={`${td} tabular-nums`}>
                {group.overdue > 0 ? <OverdueCount count={group.overdue} /> : format.number(group.overdue)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroller>
  );
}
