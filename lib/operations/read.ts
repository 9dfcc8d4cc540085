import type { Database, Transaction } from "@/db/client";

/**
 * A transaction for reads that need one snapshot or a `set local` (a search's planner settings), and
 * for the few writes that belong to no company's operation (the outbox's delivery claims, sign-in
 * bookkeeping). A company's mutation is an operation (`defineOperation`), never this.
 */
export function readTransaction<T>(db: Database, work: (tx: Transaction) => Promise<T>): Promise<T> {
  return db.transaction(work);
}
