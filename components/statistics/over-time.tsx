import { getFormatter, getTranslations } from "next-intl/server";
import { calendarDay } from "@/lib/i18n/formats";
import type { OverTimePoint } from "@/lib/statistics/over-time";
import { OverTimeChart } from "./over-time-chart";
import { type OverTimeRow, OverTimeTable } from "./over-time-table";

/** A calendar date ("YYYY-MM-DD") read as midnight UTC, so formatting in UTC never shifts it a day. */

/**
 * Progress over time: the group's stored days and today's live point as a line chart, with every
 * number in a visually hidden table for screen readers (and the end-to-end test); both are drawn
 * in the browser from one list of rows.
 */
export async function ProgressOverTime({ points }: { points: OverTimePoint[] }) {
  const [t, format] = await Promise.all([getTranslations("statistics.overTime"), getFormatter()]);
  const tb = await getTranslations("statistics.buckets");
  const names = { averagePercent: t("average"), done: tb("done"), halfway: tb("halfway"), notStarted: tb("notStarted") };
  const rows: (OverTimeRow & { label: string })[] = points.map((point) => ({
    day: point.day,
    live: point.live,
    members: point.members,
    done: point.done,
    halfway: point.halfway,
    notStarted: point.notStarted,
    averagePercent: Math.round(point.averagePercent),
    label: format.dateTime(calendarDay(point.day), "dayShort"),
    date: format.dateTime(calendarDay(point.day), "day"),
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
        <OverTimeChart points={rows} names={names} />
      )}
      <OverTimeTable rows={rows} names={names} />
    </section>
  );
}
