import "server-only";
import { sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "./client";

/**
 * Our advisory locks' first key: one number per purpose, so two purposes never share a lock. The
 * second key is the company's. Keys of two int4s never meet single-bigint advisory locks.
 */
const lockSpaces = { companyMembership: 1 } as const;

/**
 * A uuid's first 32 bits as a signed int4 (ids are random, so these are spread evenly). Two
 * companies that share them only queue behind each other now and then: slower, never wrong.
 */
function companyKey(companyId: string): number {
  return Number.parseInt(companyId.slice(0, 8), 16) | 0;
}

/** How long a deactivation tries for the company's membership lock before it says the company is busy. */
export const DEACTIVATION_WAIT_MS = 20_000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Who may be put into a group: only active people, which an INSERT … SELECT checks in its own
 * snapshot. Under READ COMMITTED a deactivation can commit after that snapshot was taken and before
 * the insert commits, and the person would stay in the group. Row locks on every person added would
 * close this too, but a 10,000-person add would lock 10,000 rows; one lock per company costs one
 * statement. Every write that inserts memberships takes it shared (they do not wait for each
 * other), before its first read of who is active; a deactivation takes it exclusively, so it waits
 * for the writes in flight and removes what they added, and writes begun later see the deactivation.
 *
 * A deactivation only *tries* for it, again every 25–75 ms: a request waiting in PostgreSQL's queue
 * would make every membership write of the company queue behind it, freezing the company for as
 * long as one long add runs. Trying lets the other writes go on; after DEACTIVATION_WAIT_MS of a
 * busy company it answers false (the caller refuses, and its transaction changes nothing); a
 * membership write always answers true.
 * Transaction-level: released at commit or rollback. PGlite has advisory locks too (one connection,
 * so they never wait there).
 */
export async function lockCompanyMembership(
  tx: DatabaseOrTransaction,
  companyId: string,
  mode: "membership-write" | "deactivation",
  waitMs = DEACTIVATION_WAIT_MS,
): Promise<boolean> {
  const key = sql`${lockSpaces.companyMembership}::int, ${companyKey(companyId)}::int`;
  if (mode === "membership-write") {
    await tx.execute(sql`select pg_advisory_xact_lock_shared(${key})`);
    return true;
  }
  const deadline = Date.now() + waitMs;
  for (;;) {
    const [row] = await queryRows<{ locked: boolean }>(tx, sql`select pg_try_advisory_xact_lock(${key}) as locked`);
    if (row?.locked) return true;
    if (Date.now() >= deadline) return false;
    await pause(25 + Math.random() * 50);
  }
}
