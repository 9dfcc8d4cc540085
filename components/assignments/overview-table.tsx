import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { TableScroller } from "@/components/ui/table-scroller";
import type { OverviewQuery, OverviewRow, OverviewSort } from "@/lib/assignments/overview";
import { OverdueCount } from "./overdue-count";

const th = "px-4 py-3 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase";
const td = "px-4 py-3 align-top whitespace-nowrap tabular-nums";

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
  const sortable = (sort: OverviewSort, label: string) => {
    const current = query.sort === sort;
    const next = current && query.direction === "asc" ? "desc" : "asc";
    return (
      <th scope="col" className={th} aria-sort={current ? (query.direction === "asc" ? "ascending" : "descending") : undefined}>
        <Link
          href={sortHref(sort, next)}
          aria-label={t(next === "asc" ? "sortAscending" : "sortDescending", { column: label })}
          className="inline-flex items-center gap-1 hover:text-slate-900 hover:underline"
        >
          {label}
          {current && <span aria-hidden="true">{query.direction === "asc" ? "▲" : "▼"}</span>}
        </Link>
      </th>
    );
  };
  const caption = t(query.view === "course" ? "captionCourse" : "captionGroup");
  return (
    <TableScroller label={caption}>
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{`${caption}. ${t("openHint")}`}</caption>
        <thead className="bg-slate-50">
          <tr>
            {sortable("name", t(query.view === "course" ? "course" : "group"))}
            {sortable("assigned", t("assigned"))}
            {sortable("done", t("done"))}
            {sortable("open", t("open"))}
            {sortable("overdue", t("overdue"))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.id} className="hover:bg-slate-50">
              <th scope="row" className="px-4 py-3 text-left font-medium">
                <Link href={`/admin/assignments/${query.view}/${row.id}`} aria-label={t("people", { name: row.name })} className="text-brand-700 hover:underline">
                  {row.name}
                </Link>
              </th>
              <td className={td}>{format.number(row.assigned)}</td>
              <td className={td}>{format.number(row.done)}</td>
              <td className={td}>{format.number(row.open)}</td>
              <td className={td}>{row.overdue > 0 ? <OverdueCount count={row.overdue} /> : format.number(row.overdue)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroller>
  );
}
