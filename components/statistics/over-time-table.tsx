"use client";

import { useTranslations } from "next-intl";

/** One day of progress over time, as the page formatted it. */
export type OverTimeRow = {
  day: string;
  /** The day as the reader's locale writes it. */
  date: string;
  live: boolean;
  members: number;
  averagePercent: number;
  done: number;
  halfway: number;
  notStarted: number;
};

/**
 * Every number of the chart in a visually hidden table, for screen readers (and the end-to-end
 * test). Rendered from the same rows as the chart, so the page carries them once rather than as a
 * second tree of a thousand cells.
 */
export function OverTimeTable({
  rows,
  names,
}: {
  rows: readonly OverTimeRow[];
  names: Record<"averagePercent" | "done" | "halfway" | "notStarted", string>;
}) {
  const t = useTranslations("statistics.overTime");
  return (
    <table className="sr-only" data-testid="statistics-over-time-table">
      <caption>{t("table")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("columns.day")}</th>
          <th scope="col">{t("columns.members")}</th>
          <th scope="col">{names.averagePercent}</th>
          <th scope="col">{names.done}</th>
          <th scope="col">{names.halfway}</th>
          <th scope="col">{names.notStarted}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.day}>
            <th scope="row">
              <time dateTime={row.day}>{row.live ? t("today", { date: row.date }) : row.date}</time>
            </th>
            <td>{row.members}</td>
            <td>{t("percent", { value: row.averagePercent })}</td>
            <td>{row.done}</td>
            <td>{row.halfway}</td>
            <td>{row.notStarted}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
