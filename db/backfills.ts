import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { type Database, type DatabaseOrTransaction, queryRows } from "./client";

/**
 * What a migration leaves for after it (the table `backfills`, db/schema/maintenance.ts): rows of a
 * new table derived from existing data, written in batches of their own short transactions after
 * the migrations, so no migration copies a million rows while it holds a lock that the app's writes
 * wait for. A migration creates what keeps the new rows up to date from then on (a trigger) and
 * inserts its backfill's name; the backfill covers what existed before, and may meet rows the
 * trigger already wrote (every batch is idempotent).
 */
type Backfill = {
  /** One batch after `cursor` (null: from the start): the cursor reached, or null when nothing is left. */
  step(tx: DatabaseOrTransaction, cursor: string | null): Promise<string | null>;
};

/** Rows a batch takes: a second or so of work at most, so nothing waits long for its locks. */
const BATCH = 20_000;

/** The backfills migrations may ask for, by the name their migration inserts. */
const BACKFILLS: Record<string, Backfill> = {
  // Migration 0025: every existing event into the feeds it belongs to, walked by id.
  group_feed: {
    async step(tx, cursor) {
      const after: SQL = cursor === null ? sql`true` : sql`a.id > ${cursor}::uuid`;
      const [last] = await queryRows<{ id: string | null; n: number }>(
        tx,
        sql`with batch as (select a from activity_events a where ${after} order by a.id limit ${BATCH}),
                 fanned as (insert into group_feed (group_id, company_id, created_at, event_id)
                            select r.* from batch cross join lateral group_feed_rows(batch.a) r
                            on conflict do nothing)
            select max((a).id::text) as id, count(*)::int as n from batch`,
      );
      return last && last.n === BATCH ? last.id : null;
    },
  },
  // Migration 0027: every membership's copy of its progress, walked by the progress rows in key order
  // (members without progress keep the zeros they have); the cursor is the last row's "user/course".
  group_member_progress: {
    async step(tx, cursor) {
      const [user, course] = cursor?.split("/") ?? [];
      const after: SQL = cursor === null ? sql`true` : sql`(p.user_id, p.course_id) > (${user}::uuid, ${course}::uuid)`;
      const [last] = await queryRows<{ key: string | null; n: number }>(
        tx,
        sql`with batch as materialized (
              select p.user_id, p.course_id from course_progress p where ${after} order by p.user_id, p.course_id limit ${BATCH}
            ), copied as materialized (
              select group_members_copy_progress(array_agg(m.group_id), array_agg(m.user_id))
              from batch b join group_members m on m.user_id = b.user_id
              join learning_groups g on g.id = m.group_id and g.course_id = b.course_id
            )
            select (select user_id || '/' || course_id from batch order by user_id desc, course_id desc limit 1) as key,
                   (select count(*)::int from batch) as n
            from copied`,
      );
      return last && last.n === BATCH ? last.key : null;
    },
  },
};

/**
 * Runs every unfinished backfill to its end, batch by batch; a run cut off resumes where its last
 * batch committed. Each batch locks its backfill's row, so two instances migrating at once take
 * turns rather than doing a batch twice.
 */
export async function runBackfills(db: Database, log: (line: string) => void = () => {}): Promise<void> {
  const pending = await queryRows<{ name: string }>(db, sql`select name from backfills where done_at is null order by name`);
  for (const { name } of pending) {
    const backfill = BACKFILLS[name];
    if (!backfill) throw new Error(`A migration asked for the backfill "${name}", which db/backfills.ts does not know.`);
    const started = Date.now();
    let batches = 0;
    for (let more = true; more; batches++) {
      more = await db.transaction(async (tx) => {
        const [state] = await queryRows<{ cursor: string | null; done: boolean }>(
          tx,
          sql`select cursor, done_at is not null as done from backfills where name = ${name} for update`,
        );
        if (!state || state.done) return false;
        const cursor = await backfill.step(tx, state.cursor);
        await tx.execute(
          sql`update backfills set cursor = ${cursor}, started_at = coalesce(started_at, now()),
                     done_at = ${cursor === null ? sql`now()` : sql`null`} where name = ${name}`,
        );
        return cursor !== null;
      });
    }
    log(`Backfill ${name}: ${batches} batch${batches === 1 ? "" : "es"} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  }
}
