import "server-only";
import { type SQL, sql } from "drizzle-orm";

/**
 * The spec's three groups ("who is done, who is halfway, who hasn't started yet"): Done (course
 * completed), the middle one (started, not completed) and Not started yet (no lesson completed).
 * The middle bucket is "in progress", not "at least 50 %": the three must hold every member, and
 * someone at 12 % has started. So it is called "In progress" on screen, with its rule shown beside
 * it (`statistics.bucketRules`); `halfway` stays its name in the code and the database columns.
 * Statistics, the daily rollup and the reports all sort members with this.
 */
export const BUCKETS = ["done", "halfway", "notStarted"] as const;
export type Bucket = (typeof BUCKETS)[number];

/**
 * A member's bucket from the row under `alias` with `completed_at` and `lessons_done`: a membership's
 * copy of its progress, or a `course_progress` row joined with a LEFT JOIN (no row: nothing completed
 * yet). The triggers that keep `group_figures` count Done and Halfway by the same rule (migration 0027).
 */
export function bucketOf(alias: string): SQL<Bucket> {
  const p = sql.identifier(alias);
  return sql<Bucket>`case when ${p}.completed_at is not null then 'done'
    when coalesce(${p}.lessons_done, 0) > 0 then 'halfway' else 'notStarted' end`;
}

/**
 * The same three groups from a `progress_snapshots` row under `alias` (LEFT JOINed: none means nothing
 * completed by then). Snapshots copy course_progress, whose percent is 100 exactly when the course is
 * completed and stays 100 once it was, so percent stands in for completed_at.
 */
export function snapshotBucketOf(alias: string): SQL<Bucket> {
  const s = sql.identifier(alias);
  return sql<Bucket>`case when ${s}.percent = 100 then 'done'
    when coalesce(${s}.lessons_done, 0) > 0 then 'halfway' else 'notStarted' end`;
}
