import { and, eq, inArray, or, sql } from "drizzle-orm";
import type { DatabaseOrTransaction } from "@/db/client";
import { type SignInScope, signInThrottles } from "@/db/schema";

/**
 * Sign-in throttling. Failures are counted in `sign_in_throttles`, so the limits hold across
 * restarts and between instances. A window opens with a key's first failure; reaching the limit
 * inside it locks the key for LOCK_MINUTES, right password or not. The per-account limit stops
 * guessing one person's password; the per-address limit, looser because offices share an address,
 * stops one client trying many accounts. A successful sign-in clears its account's count.
 */
export const ACCOUNT_FAILURE_LIMIT = 5;
export const ADDRESS_FAILURE_LIMIT = 20;
export const FAILURE_WINDOW_MINUTES = 15;
export const LOCK_MINUTES = 15;

/** What one attempt is counted against: the lower-cased email, and the client address when known. */
export type AttemptKeys = { email: string; address: string | null };

const limits: Record<SignInScope, number> = { account: ACCOUNT_FAILURE_LIMIT, address: ADDRESS_FAILURE_LIMIT };

function scopedKeys({ email, address }: AttemptKeys): { scope: SignInScope; key: string }[] {
  return address ? [{ scope: "account", key: email }, { scope: "address", key: address }] : [{ scope: "account", key: email }];
}

/**
 * The client's address, counted from the right of `x-forwarded-for`: each proxy appends the address it
 * was reached from, so the entry `trustedProxies` from the end is the one our own outermost proxy saw.
 * Entries further left are whatever the client wrote, and trusting them would let anyone dodge the
 * per-address limit (or lock out someone else's address) by sending the header. `x-real-ip` when there
 * is no `x-forwarded-for`; null when neither is present.
 */
export function clientAddress(headers: Headers, trustedProxies: number): string | null {
  const hops = (headers.get("x-forwarded-for") ?? "").split(",").map((hop) => hop.trim()).filter(Boolean);
  const address = hops.length ? hops[Math.max(0, hops.length - trustedProxies)] : headers.get("x-real-ip")?.trim();
  return address ? address.slice(0, 100) : null;
}

/** When the attempt's account or address is locked, the time the lock ends; null when it may go ahead. */
export async function lockedUntil(db: DatabaseOrTransaction, keys: AttemptKeys): Promise<Date | null> {
  const matches = scopedKeys(keys).map(({ scope, key }) => and(eq(signInThrottles.scope, scope), eq(signInThrottles.key, key)));
  const [row] = await db
    .select({ until: sql<Date | null>`max(${signInThrottles.lockedUntil})`.mapWith(signInThrottles.lockedUntil) })
    .from(signInThrottles)
    .where(and(or(...matches), sql`${signInThrottles.lockedUntil} > now()`));
  return row?.until ?? null;
}

/**
 * Counts a failure against each key in one upsert per key: a window that has run out starts again
 * at one; the count reaching its limit sets the lock. Concurrent failures serialize on the row.
 */
export async function recordFailure(db: DatabaseOrTransaction, keys: AttemptKeys): Promise<void> {
  const window = sql`make_interval(mins => ${FAILURE_WINDOW_MINUTES})`;
  const stale = sql`${signInThrottles.windowStartedAt} <= now() - ${window}`;
  for (const { scope, key } of scopedKeys(keys)) {
    const failures = sql`case when ${stale} then 1 else ${signInThrottles.failures} + 1 end`;
    await db
      .insert(signInThrottles)
      .values({ scope, key, failures: 1 })
      .onConflictDoUpdate({
        target: [signInThrottles.scope, signInThrottles.key],
        set: {
          failures,
          windowStartedAt: sql`case when ${stale} then now() else ${signInThrottles.windowStartedAt} end`,
          lockedUntil: sql`case when ${failures} >= ${limits[scope]} then now() + make_interval(mins => ${LOCK_MINUTES}) else ${signInThrottles.lockedUntil} end`,
        },
      });
  }
}

/** After a successful sign-in, or a password set through a mailed link: the account starts afresh. */
export async function clearAccountFailures(db: DatabaseOrTransaction, emails: readonly string[]): Promise<void> {
  if (emails.length === 0) return;
  await db.delete(signInThrottles).where(and(eq(signInThrottles.scope, "account"), inArray(signInThrottles.key, emails)));
}

/** Whole minutes left until `until`, at least one, for "try again in N minutes". */
export function minutesUntil(until: Date, now = new Date()): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
}
