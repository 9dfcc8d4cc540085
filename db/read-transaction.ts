import type { Database, Transaction } from "@/db/client";

/**
 * A transaction outside any operation: reads that need one snapshot or a `set local` (a search's
 * planner settings), and bookkeeping that belongs to no one's act (a channel grant recorded with the
 * authorization that decided it, an outbox invitation rendered with its new link). Something a person,
 * a key or a job does is an operation (`defineOperation`), never this. Reads alone of one company
 * (an access check and what it guards) take `readTogether` (db/company.ts): read-only, and answered
 * before its COMMIT.
 */
export function readTransaction<T>(db: Database, work: (tx: Transaction) => Promise<T>): Promise<T> {
  return db.transaction(work);
}
