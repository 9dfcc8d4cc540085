import type { Database, Transaction } from "@/db/client";

/**
 * A transaction for reads that need one snapshot or `set local` (a search's planner settings); never
 * for writes, which are operations (`defineOperation`) and get their transaction from the kernel.
 */
export function readTransaction<T>(db: Database, work: (tx: Transaction) => Promise<T>): Promise<T> {
  return db.transaction(work);
}
