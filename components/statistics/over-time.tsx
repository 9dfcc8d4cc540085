import { getFormatter, getTranslations } from "next-intl/server";
import type { OverTimePoint } from "@/lib/statistics/over-time";
import { OverTimeChart } from "./over-time-chart";

/** A calendar date ("YYYY-MM-DD") read as midnight UTC, so formatting in UTC never shifts it a day. */
const dayDate = (day: string) => new Date(`${day}T00:00:00Z`);

/**
 * Progress over time: the group's stored days and today's live point as a line chart, with every
 * number in a visually hidden table for screen readers (and the end-to-end test).
 */
export async function ProgressOverTime({ points }: { points: OverTimePoint[] }) {
  const [t, format] = await Promise.all([getTranslations("statistics.overTime"), getFormatter()]);
  const tb = await getTranslations("statistics.buckets");
  const names = { averagePercent: t("average"), done: tb("done"), halfway: tb("halfway"), notStarted: tb("notStarted") };
  const rows = points.map((point) => ({
    ...point,
    averagePercent: Math.round(point.averagePercent),
    label: format.dateTime(dayDate(point.day), { month: "short", day: "numeric", timeZone: "UTC" }),
    date: format.dateTime(dayDate(point.day), { dateStyle: "medium", timeZone: "UTC" }),
  }));
  return (
    <section aria-labelledby="statistics-over-time" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h3 id="statistics-over-time" className="text-base font-semibold text-slate-900">
        {t("title")}
      </h3>
      <p className="text-sm text-slate-600">{t("intro")}</p>
      {rows.length < 2 ? (
        <p className="mt-3 rounded-md border border-dashed border-slate-300 p-4 text-sm text-slate-700">{t("empty")}</p>
      ) : (
        <OverTimeChart
          points={rows.map(({ label, averagePercent, done, halfway, notStarted }) => ({
            label,
            averagePercent,
            done,
            halfway,
            notStarted,
          }))}
          names={names}
        />
      )}
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
    </section>
  );
}
