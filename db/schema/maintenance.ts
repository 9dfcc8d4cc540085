import { pgTable, text, uuid } from "drizzle-orm/pg-core";
import { timestampMs } from "./columns";

/**
 * Work a migration leaves for after it (db/backfills.ts): a table's rows filled from existing data in
 * batches, each its own short transaction, so no migration holds a lock on a busy table while it copies
 * a million rows. A migration inserts its backfill's row; `cursor` is where the last batch stopped, so
 * a run cut off resumes there; `doneAt` is set when nothing is left. The app's role has no access.
 */
export const backfills = pgTable("backfills", {
  name: text().primaryKey(),
  /** The key of the last row done, in the order the backfill walks; null before the first batch. */
  cursor: uuid(),
  startedAt: timestampMs(),
  doneAt: timestampMs(),
});
