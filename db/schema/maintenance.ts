import { bigserial, integer, pgTable, text } from "drizzle-orm/pg-core";
import { timestampMs } from "./columns";

/**
 * Work a migration leaves for after it (db/backfills.ts): a table's rows filled from existing data in
 * batches, each its own short transaction, so no migration holds a lock on a busy table while it copies
 * a million rows. A migration inserts its backfill's row; `cursor` is where the last batch stopped, so
 * a run cut off resumes there; `doneAt` is set when nothing is left. The app's role has no access.
 */
export const backfills = pgTable("backfills", {
  name: text().primaryKey(),
  /** The key of the last row done, in the order the backfill walks (as text); null before the first batch. */
  cursor: text(),
  startedAt: timestampMs(),
  doneAt: timestampMs(),
});

/**
 * Drift the daily figures check found and repaired (lib/statistics/figures.ts), a row per company
 * check that found any: counts only, no company, so the health route reports the last day's without
 * knowing whose. Drift is a bug, so the table stays nearly empty; rows older than a week are removed
 * when a new one is written.
 */
export const figureDrift = pgTable("figure_drift", {
  id: bigserial({ mode: "number" }).primaryKey(),
  foundAt: timestampMs().notNull().defaultNow(),
  /** Memberships whose copy of the member's progress was wrong. */
  copies: integer().notNull(),
  /** Groups whose figures were wrong. */
  groups: integer().notNull(),
  /** Keys of the assignment overview's counts that were wrong. */
  assignments: integer().notNull().default(0),
  /** Departments whose count of active people was wrong. */
  departments: integer().notNull().default(0),
});
