import type { Database } from "@/db/client";
import type { Ctx } from "@/lib/auth/viewer";
import { getGroupStatistics, getStatisticsTab, type MemberSort, type SortDirection } from "@/lib/statistics/group";
import { getProgressOverTime } from "@/lib/statistics/over-time";
import { type BenchCase, readCase } from "../case";
import { BENCH_IDS } from "../data";
import { requireGroupAccess } from "@/lib/group-access/access";

const READS = { warmup: 20, iterations: 200, rounds: 3 };

/** What the Statistics tab reads on opening: the figures and the member table's first page. */
const statisticsTab = async (db: Database, ctx: Ctx, sort: MemberSort, direction: SortDirection) =>
  getStatisticsTab(db, ctx, await requireGroupAccess(db, ctx, BENCH_IDS.statsGroup), { sort, direction });

/**
 * `stats.group`: the 10,000-member group on its 50-lesson course (250,000 completions, which the
 * tab never reads), opened as the default by name and sorted by each other column.
 */
export const statsGroup: BenchCase = readCase({
  name: "stats.group",
  target: "p95 ≤ 25 ms and ≤ 1.5 × bare",
  plan: READS,
  size: (result) => {
    const { statistics, members } = result as Awaited<ReturnType<typeof statisticsTab>>;
    return statistics.members + members.rows.length;
  },
  variants: ({ ctx }) =>
    (
      [
        ["name", "asc"],
        ["progress", "desc"],
        ["score", "desc"],
        ["activity", "desc"],
      ] as const
    ).map(([sort, direction]) => ({ label: `by ${sort} ${direction}`, run: (db) => statisticsTab(db, ctx, sort, direction) })),
  passes: ({ p95, bareP95 }) => p95 <= 25 && p95 <= 1.5 * bareP95,
});

/** The Statistics tab's chart: 180 stored days of the same group, and today's point computed live (the figures the tab reads once for both). */
export const statsOverTime: BenchCase = readCase({
  name: "stats.over-time",
  target: "p95 ≤ 60 ms",
  plan: READS,
  size: (result) => (result as unknown[]).length,
  variants: ({ ctx }) => [
    {
      label: "180 days and today",
      run: async (db) => {
        const access = await requireGroupAccess(db, ctx, BENCH_IDS.statsGroup);
        return getProgressOverTime(db, ctx, access, getGroupStatistics(db, ctx, access));
      },
    },
  ],
  passes: ({ p95 }) => p95 <= 60,
});
