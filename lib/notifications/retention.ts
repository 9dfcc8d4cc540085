import "server-only";
import { sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";

/** Read notifications are kept this long, then the scheduler removes them; unread ones stay. */
export const RETENTION_DAYS = 180;
/** Rows one statement removes: one short transaction each, so a backlog never holds locks for minutes. */
export const RETENTION_BATCH = 5000;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The oldest read time a notification kept at `now` can have (the bell's derived notices follow the same rule). */
export const retentionCutoff = (now: Date) => new Date(now.getTime() - RETENTION_DAYS * DAY_MS);

/**
 * Removes up to `batch` of the company's notifications read more than RETENTION_DAYS before `now`,
 * found through the partial index on (company_id, read_at); answers how many went. A person's
 * unread notifications are never removed, however old.
 */
export async function pruneReadNotifications(
  tx: DatabaseOrTransaction,
  companyId: string,
  now: Date,
  batch = RETENTION_BATCH,
): Promise<number> {
  const cutoff = retentionCutoff(now);
  const [row] = await queryRows<{ deleted: number }>(
    tx,
    sql`with gone as (
          delete from notifications where id in (
            select id from notifications
            where company_id = ${companyId} and read_at is not null and read_at < ${cutoff}
            limit ${batch})
          returning 1)
        select count(*)::int as deleted from gone`,
  );
  return row?.deleted ?? 0;
}
