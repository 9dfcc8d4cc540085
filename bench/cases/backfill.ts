import { runBackfills } from "@/db/backfills";
import { openPostgres } from "@/db/client";
import type { BenchCase } from "../case";
import { timed } from "../measure";

/** The feed's backfill: the longest a migration leaves behind it (the bound for any backfill). */
const BOUND_MS = 60_000;

/**
 * The backfill of migration 0025 (`group_feed`, db/backfills.ts) over the template's million events,
 * as `npm run db:migrate` runs it after the migrations: batches of 20,000 events, each its own
 * transaction. Before each call the feeds are emptied and the backfill marked undone, untimed. The
 * floor: the same rows written by one `INSERT … SELECT` over every event, in one transaction (what a
 * migration doing it inline would cost, holding its locks throughout).
 */
export const backfillFeed: BenchCase = {
  name: "migrations.backfill-feed",
  target: "≤ 60 s for the whole backfill; each batch a short transaction",
  plan: { warmup: 0, iterations: 2, rounds: 1 },
  passes: ({ p95 }, details) => p95 <= BOUND_MS && details.rows_after === details.rows_before,
  async prepare({ bare: pool, url }) {
    const owner = openPostgres(url, { max: 2, connectAs: "owner" });
    const count = async () => (await pool.query<{ n: number }>("select count(*)::int as n from group_feed")).rows[0]!.n;
    const rowsBefore = await count();
    const reset = async () => {
      await pool.query("truncate group_feed");
      await pool.query("update backfills set cursor = null, started_at = null, done_at = null where name = 'group_feed'");
    };
    const batches: number[] = [];
    return {
      details: { rows_before: rowsBefore },
      ours: async () => {
        await reset();
        const lines: string[] = [];
        const ms = await timed(() => runBackfills(owner.db, (line) => lines.push(line)));
        batches.push(Number(/(\d+) batch/.exec(lines.join(" "))?.[1] ?? 0));
        return ms;
      },
      bare: async () => {
        await reset();
        return timed(() =>
          pool.query(
            `insert into group_feed (group_id, company_id, created_at, event_id)
             select r.* from activity_events e cross join lateral group_feed_rows(e) r`,
          ),
        );
      },
      finish: async () => {
        await reset();
        await runBackfills(owner.db);
        return { rows_after: await count(), batches: Math.max(...batches) };
      },
      close: () => owner.close(),
    };
  },
};
