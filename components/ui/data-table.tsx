import Link from "next/link";
import { type ReactNode, useId } from "react";
import { narrowTableCss } from "./narrow-table";
import { TableScroller } from "./table-scroller";

export type SortDirection = "asc" | "desc";

export type DataColumn = {
  /** The header's text; with `hidden` only screen readers hear it (e.g. the actions column). */
  label: string;
  hidden?: boolean;
  /**
   * On a narrow screen, shown beside the row header on the row's first line, without its label (the
   * row's status, its main figure); the other columns go below, one line each, labelled.
   */
  important?: boolean;
  align?: "left" | "right";
  /**
   * A column that sorts: its header is a link sorting by it (the current one: the other way), and
   * the current one carries `aria-sort`. `direction` is null when the table is sorted by another column.
   */
  sort?: {
    direction: SortDirection | null;
    href: (next: SortDirection) => string;
    /** What the link says to a screen reader, e.g. "Sort by Members, ascending". */
    label: (next: SortDirection) => string;
  };
};

/** The last column, of a row's buttons: its header is for screen readers only. */
export const actionsColumn = (label: string): DataColumn => ({ label, hidden: true, align: "right" });

const headerClass = "px-4 py-3 text-xs font-semibold tracking-wide text-slate-600 uppercase";
/** On a narrow screen a cell is a piece of its row's list item (narrow-table.ts): no padding of its own, and it wraps. */
const cellClass = "px-4 py-3 max-sm:p-0 max-sm:py-0.5 max-sm:text-left max-sm:whitespace-normal";

function ColumnHeader({ column }: { column: DataColumn }) {
  const { label, hidden, align, sort } = column;
  const className = `${headerClass} ${align === "right" ? "text-right" : "text-left"}`;
  if (!sort) {
    // On a narrow screen the header row holds only what acts (the sort links, a "select all"): the
    // labels are on the rows; screen readers still hear them here.
    return (
      <th scope="col" className={`${className} max-sm:sr-only`}>
        {hidden ? <span className="sr-only">{label}</span> : label}
      </th>
    );
  }
  const next: SortDirection = sort.direction === "asc" ? "desc" : "asc";
  const ariaSort = sort.direction === null ? undefined : sort.direction === "asc" ? "ascending" : "descending";
  return (
    <th scope="col" className={className} aria-sort={ariaSort}>
      <Link
        href={sort.href(next)}
        aria-label={sort.label(next)}
        className="inline-flex items-center gap-1 hover:text-slate-900 hover:underline"
      >
        {label}
        {sort.direction && <span aria-hidden="true">{sort.direction === "asc" ? "▲" : "▼"}</span>}
      </Link>
    </th>
  );
}

/**
 * The admin list table: a keyboard-scrollable frame, a caption for screen readers, column headers
 * (`scope="col"`), and the rows given as children (`Row` with a `RowHeader` and `Cell`s, the cells in
 * the columns' order). `cellAlign` sets where every body cell's content sits; it is one choice per
 * table. Below `sm` it is a list instead (narrow-table.ts), so a phone never scrolls it sideways.
 */
export function DataTable({
  label,
  caption = label,
  columns,
  leadingHeader,
  cellAlign = "middle",
  children,
}: {
  /** Names the table for assistive technology: the scroll region, and the caption unless `caption` is given. */
  label: string;
  caption?: string;
  columns: readonly DataColumn[];
  /** A header-row cell before the columns, e.g. a "select all" checkbox. */
  leadingHeader?: ReactNode;
  cellAlign?: "top" | "middle";
  children: ReactNode;
}) {
  const scope = useId().replace(/[^\w-]/g, "");
  return (
    <TableScroller label={label}>
      <style>{narrowTableCss(scope, columns, leadingHeader ? 1 : 0)}</style>
      <table data-table={scope} className="min-w-full divide-y divide-slate-200 text-sm max-sm:block">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 max-sm:block">
          <tr className="max-sm:flex max-sm:flex-wrap max-sm:items-center">
            {leadingHeader}
            {columns.map((column) => (
              <ColumnHeader key={column.label} column={column} />
            ))}
          </tr>
        </thead>
        <tbody className={`divide-y divide-slate-100 max-sm:block ${cellAlign === "top" ? "align-top" : "align-middle"}`}>{children}</tbody>
      </table>
    </TableScroller>
  );
}

/** A body row; `className` replaces the hover shading (e.g. a selected or overdue row's tint). */
export function Row({ className = "hover:bg-slate-50", children }: { className?: string; children: ReactNode }) {
  return (
    <tr className={`${className} max-sm:flex max-sm:flex-wrap max-sm:items-baseline max-sm:gap-x-3 max-sm:px-4 max-sm:py-3`}>{children}</tr>
  );
}

/**
 * The cell naming its row (`scope="row"`), in medium weight unless `plain` (when its content sets
 * its own); long names wrap unless `nowrap`.
 */
export function RowHeader({ nowrap = false, plain = false, children }: { nowrap?: boolean; plain?: boolean; children: ReactNode }) {
  const weight = plain ? "font-normal" : "font-medium";
  return (
    <th scope="row" className={`${cellClass} text-left ${weight} ${nowrap ? "whitespace-nowrap" : "whitespace-normal"}`}>
      {children}
    </th>
  );
}

/** A body cell: on one line unless `wrap`; `className` adds e.g. `tabular-nums` or `text-right`. */
export function Cell({ wrap = false, className, children }: { wrap?: boolean; className?: string; children?: ReactNode }) {
  const classes = [cellClass, wrap ? "whitespace-normal" : "whitespace-nowrap", className].filter(Boolean).join(" ");
  return <td className={classes}>{children}</td>;
}
