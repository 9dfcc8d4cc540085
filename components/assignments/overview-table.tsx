import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Cell, type DataColumn, DataTable, Row, RowHeader } from "@/components/ui/data-table";
import type { OverviewQuery, OverviewRow, OverviewSort } from "@/lib/assignments/overview";
import { OverdueCount } from "./overdue-count";

/**
 * The overview's table, by course or by group. Every column sorts (again: the other way), with
 * `aria-sort` on the current one; a row's name opens the people behind it.
 */
export async function OverviewTable({
  rows,
  query,
  sortHref,
}: {
  rows: readonly OverviewRow[];
  query: OverviewQuery;
  sortHref: (sort: OverviewSort, direction: "asc" | "desc") => string;
}) {
  const [t, format] = await Promise.all([getTranslations("assignmentAdmin.table"), getFormatter()]);
  const sortable = (sort: OverviewSort, label: string): DataColumn => ({
    label,
    sort: {
      direction: query.sort === sort ? query.direction : null,
      href: (next) => sortHref(sort, next),
      label: (next) => t(next === "asc" ? "sortAscending" : "sortDescending", { column: label }),
    },
  });
  const caption = t(query.view === "course" ? "captionCourse" : "captionGroup");
  const columns = [
    sortable("name", t(query.view === "course" ? "course" : "group")),
    sortable("assigned", t("assigned")),
    sortable("done", t("done")),
    sortable("open", t("open")),
    sortable("overdue", t("overdue")),
  ];
  return (
    <DataTable label={caption} caption={`${caption}. ${t("openHint")}`} columns={columns} cellAlign="top">
      {rows.map((row) => (
        <Row key={row.id}>
          <RowHeader>
            <Link
              href={`/admin/assignments/${query.view}/${row.id}`}
              aria-label={t("people", { name: row.name })}
              className="text-brand-700 hover:underline"
            >
              {row.name}
            </Link>
          </RowHeader>
          <Cell className="tabular-nums">{format.number(row.assigned)}</Cell>
          <Cell className="tabular-nums">{format.number(row.done)}</Cell>
          <Cell className="tabular-nums">{format.number(row.open)}</Cell>
          <Cell className="tabular-nums">{row.overdue > 0 ? <OverdueCount count={row.overdue} /> : format.number(row.overdue)}</Cell>
        </Row>
      ))}
    </DataTable>
  );
}
