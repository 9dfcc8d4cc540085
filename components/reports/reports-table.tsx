import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { OverdueCount } from "@/components/assignments/overdue-count";
import { Badge } from "@/components/ui/badge";
import { Cell, type DataColumn, DataTable, Row, RowHeader } from "@/components/ui/data-table";
import type { ReportFilters, ReportRow, ReportSort } from "@/lib/reports/queries";

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
  const sortable = (sort: ReportSort, label: string): DataColumn => ({
    label,
    sort: {
      direction: filters.sort === sort ? (filters.direction ?? "asc") : null,
      href: (next) => sortHref(sort, next),
      label: (next) => t(next === "asc" ? "table.sortAscending" : "table.sortDescending", { column: label }),
    },
  });
  const columns = [
    sortable("name", t("table.name")),
    ...(["course", "status", "visibility", "owner"] as const).map((key) => ({ label: t(`table.${key}`) })),
    sortable("members", t("table.members")),
    sortable("average", t("table.average")),
    ...(["done", "halfway", "notStarted", "overdue"] as const).map((key) => ({ label: t(`table.${key}`) })),
  ];
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
    <DataTable label={t("table.caption")} columns={columns} cellAlign="top">
      {rows.map((group) => (
        <Row key={group.id}>
          <RowHeader>
            {canOpenStatistics ? (
              <Link href={`/groups/${group.id}/statistics`} className="text-brand-700 hover:underline">
                {group.name}
              </Link>
            ) : (
              group.name
            )}
          </RowHeader>
          <Cell wrap>{group.courseTitle ?? figure(null, () => null)}</Cell>
          <Cell>
            <Badge tone={group.archived ? "neutral" : "success"}>{t(group.archived ? "status.archived" : "status.active")}</Badge>
          </Cell>
          <Cell>{t(`visibility.${group.visibility}`)}</Cell>
          <Cell>{group.ownerName}</Cell>
          <Cell className="tabular-nums">{format.number(group.members)}</Cell>
          <Cell className="tabular-nums">{figure(group.average, (average) => t("average", { percent: average }))}</Cell>
          <Cell className="tabular-nums">{figure(group.done, (done) => format.number(done))}</Cell>
          <Cell className="tabular-nums">{figure(group.halfway, (halfway) => format.number(halfway))}</Cell>
          <Cell className="tabular-nums">{figure(group.notStarted, (notStarted) => format.number(notStarted))}</Cell>
          <Cell className="tabular-nums">{group.overdue > 0 ? <OverdueCount count={group.overdue} /> : format.number(group.overdue)}</Cell>
        </Row>
      ))}
    </DataTable>
  );
}
