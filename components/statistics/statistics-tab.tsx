import { getFormatter, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { BUCKETS } from "@/lib/statistics/buckets";
import type { GroupStatistics, MemberSort, SortDirection, StatisticsMemberRow } from "@/lib/statistics/group";
import type { Page } from "@/lib/pagination";
import { StatisticsBarChart } from "./bar-chart";
import { StatisticsLiveRefresh } from "./statistics-live-refresh";
import { StatisticsMembers } from "./statistics-members";

const card = "rounded-lg border border-slate-200 bg-white p-5 shadow-sm";

/** The figures' numbers as text: screen readers read these, and so does the end-to-end test. */
async function FiguresTable({
  caption,
  rows,
  testId,
}: {
  caption: string;
  rows: { label: string; count: number; share: number }[];
  testId: string;
}) {
  const [t, format] = await Promise.all([getTranslations("statistics.tableColumns"), getFormatter()]);
  return (
    <table className="sr-only" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t("group")}</th>
          <th scope="col">{t("members")}</th>
          <th scope="col">{t("share")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.label}>
            <th scope="row">{row.label}</th>
            <td>{format.number(row.count)}</td>
            <td>{format.number(row.share, "percent")}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className={card}>
      <h3 id={id} className="text-base font-semibold text-slate-900">
        {title}
      </h3>
      {children}
    </section>
  );
}

/**
 * The group's Statistics tab: the average, the three buckets, the 10 % histogram and the member
 * table, kept current by the group's admin channel. Further sections are appended below it.
 */
export async function StatisticsTab({
  statistics,
  channelEpoch,
  members,
  query,
  sort,
  direction,
  canOpenPeople,
  href,
}: {
  statistics: GroupStatistics;
  /** The group's realtime epoch when the page was read. */
  channelEpoch: number;
  members: Page<StatisticsMemberRow>;
  query: string;
  sort: MemberSort;
  direction: SortDirection;
  canOpenPeople: boolean;
  href: (params: { sort?: MemberSort; dir?: SortDirection; page?: number }) => string;
}) {
  const [t, format] = await Promise.all([getTranslations("statistics"), getFormatter()]);
  const { members: count, buckets, histogram } = statistics;
  const bucketRows = BUCKETS.map((bucket) => ({
    label: t(`buckets.${bucket}`),
    tick: t(`buckets.${bucket}`),
    count: buckets[bucket].count,
    share: buckets[bucket].percent,
  }));
  // The axis names each band by where it starts ("30%"): short enough for eleven bars on a phone.
  const bandRows = histogram.map((members, band) => ({
    label: band === 10 ? t("bandDone") : t("band", { from: band * 10, to: band * 10 + 9 }),
    tick: format.number(band * 10, "percent"),
    count: members,
    share: count === 0 ? 0 : Math.round((100 * members) / count),
  }));
  const bars = (rows: typeof bandRows) => rows.map((row) => ({ label: row.label, tick: row.tick, value: row.count }));
  return (
    <section aria-labelledby="statistics-title" className="space-y-6">
      <StatisticsLiveRefresh groupId={statistics.groupId} channelEpoch={channelEpoch} />
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="statistics-title" className="text-lg font-semibold">
            {t("title")}
          </h2>
          <p className="text-sm text-slate-600">{t("intro", { count, course: statistics.courseTitle })}</p>
        </div>
      </div>
      {count === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-700">
          <p className="font-medium text-slate-900">{t("empty.title")}</p>
          <p className="mt-1 text-sm">{t("empty.body")}</p>
        </div>
      ) : (
        <>
          <div aria-live="polite" className="grid gap-4 md:grid-cols-4">
            <div className={card}>
              <p className="text-sm text-slate-600">{t("average")}</p>
              <p className="mt-1 text-4xl font-bold text-slate-900" data-testid="statistics-average">
                {t("averageValue", { value: statistics.averagePercent })}
              </p>
            </div>
            {/* Each bucket's count once, its share, and the rule that puts a member in it. */}
            {BUCKETS.map((bucket) => (
              <div key={bucket} className={card} data-testid={`statistics-bucket-${bucket}`}>
                <p className="text-sm text-slate-600">{t(`buckets.${bucket}`)}</p>
                <p className="mt-1 text-2xl font-semibold text-slate-900">{format.number(buckets[bucket].count)}</p>
                <p className="text-sm text-slate-600">{t("bucketShare", { percent: buckets[bucket].percent })}</p>
                <p className="mt-2 text-xs text-slate-600">{t(`bucketRules.${bucket}`)}</p>
              </div>
            ))}
          </div>
          <div className="grid gap-4 lg:grid-cols-2">
            <Section id="statistics-buckets" title={t("bucketsTitle")}>
              <StatisticsBarChart id="buckets" patterned wrap bars={bars(bucketRows)} />
              <FiguresTable caption={t("bucketsChart")} rows={bucketRows} testId="statistics-buckets-table" />
            </Section>
            <Section id="statistics-histogram" title={t("histogramTitle")}>
              <StatisticsBarChart id="histogram" bars={bars(bandRows)} />
              <FiguresTable caption={t("histogramChart")} rows={bandRows} testId="statistics-histogram-table" />
            </Section>
          </div>
          <StatisticsMembers
            groupId={statistics.groupId}
            members={members}
            query={query}
            sort={sort}
            direction={direction}
            canOpenPeople={canOpenPeople}
            href={href}
          />
        </>
      )}
    </section>
  );
}
