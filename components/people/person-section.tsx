import type { ReactNode } from "react";
import { DataTable } from "@/components/ui/data-table";

/**
 * A titled section of the person page: a table under its heading, or a sentence saying there is
 * nothing to list. `children` are the table's rows (`Row`s of `components/ui/data-table`); `footer` follows the table (pagination).
 */
export function PersonSection({
  id,
  title,
  intro,
  label,
  columns,
  isEmpty,
  emptyText,
  children,
  footer,
  action,
}: {
  id: string;
  title: string;
  intro?: string;
  /** Names the table for assistive technology (caption and scroll region). */
  label: string;
  columns: readonly string[];
  isEmpty: boolean;
  emptyText: string;
  children: ReactNode;
  footer?: ReactNode;
  /** Beside the heading: the section's own button (e.g. "Assign a course"). */
  action?: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="space-y-3">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 id={id} className="text-lg font-semibold">
            {title}
          </h2>
          {intro && <p className="mt-1 text-sm text-slate-600">{intro}</p>}
        </div>
        {action}
      </div>
      {isEmpty ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-700">{emptyText}</p>
      ) : (
        <DataTable label={label} columns={columns.map((column) => ({ label: column }))} cellAlign="top">
          {children}
        </DataTable>
      )}
      {footer}
    </section>
  );
}
