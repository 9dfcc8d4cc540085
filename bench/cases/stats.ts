import { getProgressOverTime } from "@/lib/statistics/over-time";
import { type BenchCase, readCase } from "../case";
import { BENCH_IDS } from "../data";

const READS = { warmup: 20, iterations: 200, rounds: 3 };

/** The Statistics tab's chart: 180 stored days of the 10,000-member group, and today's point computed live. */
export const statsOverTime: BenchCase = readCase({
  name: "stats.over-time",
  target: "p95 ≤ 60 ms",
  plan: READS,
  size: (result) => (result as unknown[]).length,
  variants: ({ ctx }) => [{ label: "180 days and today", run: (db) => getProgressOverTime(db, ctx, BENCH_IDS.bigGroup) }],
  passes: ({ p95 }) => p95 <= 60,
});
