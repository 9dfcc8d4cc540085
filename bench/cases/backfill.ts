import { runBackfills } from "@/db/backfills";
import { openPostgres } from "@/db/client";
import type { BenchCase } from "../case";
import { timed } from "../measure";

/** The longest a migration may leave behind it (the bound for any backfill). */
const BOUND_MS = 60_000;

/**
 * A backfill over the template, as `npm run db:migrate` runs it after the migrations: batches of
 * 20,000, each its own transaction. Before each call what it fills is undone and the backfill marked
 * undone, untimed. The floor: the same rows written by one statement, in one transaction (what a
 * migration doing it inline would cost, holding its locks throughout). `state` reads what the
 * backfill fills, to show it ends where it began.
 */
function backfillCase(options: { name: string; backfill: string; undo: string; floor: string; state: string }): BenchCase {
  return {
    name: options.name,
    target: "≤ 60 s for the whole backfill; each batch a short transaction",
    plan: { warmup: 0, iterations: 2, rounds: 1 },
    passes: ({ p95 }, details) => p95 <= BOUND_MS && details.state_after === details.state_before,
    async prepare({ bare: pool, url }) {
      const owner = openPostgres(url, { max: 2, connectAs: "owner" });
      const state = async () => (await pool.query<{ state: string }>(`select (${options.state})::text as state`)).rows[0]!.state;
      const stateBefore = await state();
      const reset = async () => {
        await pool.query(options.undo);
        await pool.query("update backfills set cursor = null, started_at = null, done_at = null where name = $1", [options.backfill]);
      };
      const batches: number[] = [];
      return {
        details: { state_before: stateBefore, floor: options.floor },
        ours: async () => {
          await reset();
          const lines: string[] = [];
          const ms = await timed(() => runBackfills(owner.db, (line) => lines.push(line)));
          batches.push(Number(/(\d+) batch/.exec(lines.join(" "))?.[1] ?? 0));
          return ms;
        },
        bare: async () => {
          await reset();
          return timed(() => pool.query(options.floor));
        },
        finish: async () => {
          await reset();
          await runBackfills(owner.db);
          return { state_after: await state(), batches: Math.max(...batches) };
        },
        close: () => owner.close(),
      };
    },
  };
}

/** Migration 0025's: the million events into the feeds of the groups they belong to. */
export const backfillFeed = backfillCase({
  name: "migrations.backfill-feed",
  backfill: "group_feed",
  undo: "truncate group_feed",
  floor: `insert into group_feed (group_id, company_id, created_at, event_id)
          select r.* from activity_events e cross join lateral group_feed_rows(e) r`,
  state: "select count(*) from group_feed",
});

/**
 * Migration 0027's: every membership's copy of its progress, from the progress rows (the figures
 * follow through their trigger). Undone as the migration leaves it: every copy zeros.
 */
export const backfillMemberProgress = backfillCase({
  name: "migrations.backfill-member-progress",
  backfill: "group_member_progress",
  undo: `update group_members set lessons_done = 0, percent = 0, score = null, last_activity_at = null, completed_at = null
         where lessons_done <> 0 or last_activity_at is not null`,
  floor: `update group_members m set lessons_done = p.lessons_done, percent = p.percent, score = p.score,
            last_activity_at = p.last_activity_at, completed_at = p.completed_at
          from learning_groups g, course_progress p
          where g.id = m.group_id and p.user_id = m.user_id and p.course_id = g.course_id`,
  state: "select count(*) || '/' || sum(percent) from group_members where lessons_done > 0",
});
