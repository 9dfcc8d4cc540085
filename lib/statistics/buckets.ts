import { type SQL, sql } from "drizzle-orm";

/**
 * The spec's three groups: Done (course completed), Halfway (started, not completed), Not started
 * yet (no lesson completed). Statistics, the daily rollup and the reports all sort members with this.
 */
export const BUCKETS = ["done", "halfway", "notStarted"] as const;
export type Bucket = (typeof BUCKETS)[number];

/**
 * A member's bucket from their `course_progress` row under `alias`, joined with a LEFT JOIN: no row
 * means nothing completed yet.
 */
export function bucketOf(alias: string): SQL<Bucket> {
  const p = sql.identifier(alias);
  return sql<Bucket>`case when ${p}.completed_at is not null then 'done'
    when coalesce(${p}.lessons_done, 0) > 0 then 'halfway' else 'notStarted' end`;
}
