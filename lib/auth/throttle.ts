import "server-only";
import { and, eq, inArray, or, sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import { currentTime } from "@/base/clock";
import { type SignInScope, signInAddresses, signInThrottles } from "@/db/schema";

/**
 * Sign-in limits, counted in `sign_in_throttles` so they hold across restarts and instances. The
 * address is the one `clientAddress` derives from the socket, never one a client wrote. Three counters:
 *
 * - one account from one address: 5 failures within 15 minutes lock that pair for 15 minutes;
 * - one address across accounts: 20 failures lock the address for 15 minutes, but only for accounts
 *   that have not signed in from it within 90 days (an office's people keep their office);
 * - one account from anywhere: no lock, an exponential delay between attempts, at most 60 seconds,
 *   and none for an address known for the account.
 *
 * So failures elsewhere never refuse the right password from an address the person is known at, and
 * nobody can lock an account out by failing at it.
 */
export const PAIR_FAILURE_LIMIT = 5;
export const ADDRESS_FAILURE_LIMIT = 20;
export const FAILURE_WINDOW_MINUTES = 15;
export const LOCK_MINUTES = 15;
/** An account's failures before its delay starts (the pair lock's limit: one address alone meets that first): then 1 s, doubling with each failure. */
export const ACCOUNT_DELAY_AFTER = 5;
export const ACCOUNT_DELAY_CAP_SECONDS = 60;
/** An address an account signed in from within this many days is known for it. */
export const KNOWN_ADDRESS_DAYS = 90;
/** Tries of mailed links (choosing a password) per address and hour. */
export const PASSWORD_LINK_TRIES_PER_HOUR = 10;

/** What one attempt is counted against: the lower-cased email, and the client address when known. */
export type AttemptKeys = { email: string; address: string | null };

type Counter = { scope: SignInScope; key: string; limit: number | null; windowMinutes: number; lockMinutes: number };

const pairKey = (email: string, address: string) => `${email} ${address}`;

function failureCounters({ email, address }: AttemptKeys): Counter[] {
  const window = { windowMinutes: FAILURE_WINDOW_MINUTES, lockMinutes: LOCK_MINUTES };
  const account: Counter = { scope: "account", key: email, limit: null, ...window };
  if (!address) return [account];
  return [
    account,
    { scope: "account_address", key: pairKey(email, address), limit: PAIR_FAILURE_LIMIT, ...window },
    { scope: "address", key: address, limit: ADDRESS_FAILURE_LIMIT, ...window },
  ];
}

/**
 * Counts one event against a counter in one upsert: a window that has run out starts again at one;
 * the count reaching the limit locks the key. Concurrent events serialize on the row.
 */
async function count(db: DatabaseOrTransaction, { scope, key, limit, windowMinutes, lockMinutes }: Counter): Promise<void> {
  const stale = sql`${signInThrottles.windowStartedAt} <= now() - make_interval(mins => ${windowMinutes})`;
  const failures = sql`case when ${stale} then 1 else ${signInThrottles.failures} + 1 end`;
  const lock =
    limit === null
      ? sql`null`
      : sql`case when ${failures} >= ${limit} then now() + make_interval(mins => ${lockMinutes}) else ${signInThrottles.lockedUntil} end`;
  await db
    .insert(signInThrottles)
    .values({ scope, key, failures: 1 })
    .onConflictDoUpdate({
      target: [signInThrottles.scope, signInThrottles.key],
      set: {
        failures,
        windowStartedAt: sql`case when ${stale} then now() else ${signInThrottles.windowStartedAt} end`,
        lastFailureAt: sql`now()`,
        lockedUntil: lock,
      },
    });
}

/**
 * When an attempt may not go ahead, the moment it may; null when it may now. One statement: the
 * pair's lock; unless the address is known for the account, the address's lock and the account's delay.
 */
export async function refusedUntil(db: DatabaseOrTransaction, { email, address }: AttemptKeys): Promise<Date | null> {
  const throttle = (scope: SignInScope, key: string) => sql`select * from sign_in_throttles where scope = ${scope} and key = ${key}`;
  const [row] = await queryRows<{ until: string | Date | null }>(
    db,
    sql`with known as (
          select exists (
            select 1 from sign_in_addresses a join auth_sign_in_account(${email}) u on u.user_id = a.user_id
            where a.address = ${address}
              and a.last_signed_in_at > now() - make_interval(days => ${KNOWN_ADDRESS_DAYS})
          ) as yes
        )
        select greatest(
          (select locked_until from (${throttle("account_address", address ? pairKey(email, address) : "")}) p),
          (select locked_until from (${throttle("address", address ?? "")}) a where not (select yes from known)),
          (select last_failure_at + make_interval(secs => least(${ACCOUNT_DELAY_CAP_SECONDS}, power(2, failures - ${ACCOUNT_DELAY_AFTER})))
             from (${throttle("account", email)}) c
             where failures >= ${ACCOUNT_DELAY_AFTER}
               and window_started_at > now() - make_interval(mins => ${FAILURE_WINDOW_MINUTES})
               and not (select yes from known))
        ) as until`,
  );
  const until = row?.until ? new Date(row.until) : null;
  return until && until.getTime() > Date.now() ? until : null;
}

/** A failed sign-in, counted against the account, the address, and the two together. */
export async function recordFailure(db: DatabaseOrTransaction, keys: AttemptKeys): Promise<void> {
  for (const counter of failureCounters(keys)) await count(db, counter);
}

/**
 * A successful sign-in: the address becomes (or stays) known for the person, and the account's
 * counts start afresh.
 */
export async function recordSuccess(db: DatabaseOrTransaction, userId: string, keys: AttemptKeys): Promise<void> {
  await rememberSignInAddress(db, userId, keys.address);
  await clearAccountFailures(db, [keys.email]);
}

/** The person signed in from `address` (with a password or through single sign-on): it is known for them for the next 90 days. */
export async function rememberSignInAddress(db: DatabaseOrTransaction, userId: string, address: string | null): Promise<void> {
  if (!address) return;
  await db
    .insert(signInAddresses)
    .values({ userId, address })
    .onConflictDoUpdate({ target: [signInAddresses.userId, signInAddresses.address], set: { lastSignedInAt: sql`now()` } });
}

/** After a successful sign-in, or a password set through a mailed link: the account's own counters start afresh. */
export async function clearAccountFailures(db: DatabaseOrTransaction, emails: readonly string[]): Promise<void> {
  if (emails.length === 0) return;
  await db
    .delete(signInThrottles)
    .where(
      or(
        and(eq(signInThrottles.scope, "account"), inArray(signInThrottles.key, emails)),
        and(eq(signInThrottles.scope, "account_address"), inArray(sql`split_part(${signInThrottles.key}, ' ', 1)`, emails)),
      ),
    );
}

/**
 * One try of a mailed link from an address, counted before the link is even looked at: past
 * PASSWORD_LINK_TRIES_PER_HOUR the address is refused until its hour is over. Answers when the try
 * may not go ahead, the moment it may; null when it may now (and has been counted).
 */
export async function countPasswordLinkTry(db: DatabaseOrTransaction, address: string | null): Promise<Date | null> {
  if (!address) return null;
  const [locked] = await db
    .select({ until: signInThrottles.lockedUntil })
    .from(signInThrottles)
    .where(and(eq(signInThrottles.scope, "password_link"), eq(signInThrottles.key, address), sql`${signInThrottles.lockedUntil} > now()`));
  if (locked?.until) return locked.until;
  await count(db, { scope: "password_link", key: address, limit: PASSWORD_LINK_TRIES_PER_HOUR, windowMinutes: 60, lockMinutes: 60 });
  return null;
}

/**
 * The scheduler's clean-up of the failure counters whose window and lock are over. They are kept by
 * an email or a client address before anyone is signed in: no company's record, so this is no
 * company's operation (lib/cron/sign-ins.ts), and deleting them twice changes nothing.
 */
export async function deleteStaleThrottles(db: DatabaseOrTransaction): Promise<void> {
  await db
    .delete(signInThrottles)
    .where(
      sql`${signInThrottles.windowStartedAt} < now() - interval '1 hour' and coalesce(${signInThrottles.lockedUntil}, '-infinity') < now()`,
    );
}

/** The scheduler's clean-up of sign-in addresses no longer known, of one company's people (or everyone's). */
export async function deleteStaleAddresses(db: DatabaseOrTransaction, companyId?: string): Promise<void> {
  const ofCompany = companyId ? sql` and ${signInAddresses.userId} in (select id from users where company_id = ${companyId})` : sql``;
  await db
    .delete(signInAddresses)
    .where(sql`${signInAddresses.lastSignedInAt} < now() - make_interval(days => ${KNOWN_ADDRESS_DAYS})${ofCompany}`);
}

/** Whole minutes left until `until`, at least one, for "try again in N minutes". */
export function minutesUntil(until: Date, now: Date = currentTime()): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
}

/** Whole seconds left until `until`, at least one, for "try again in N seconds". */
export function secondsUntil(until: Date, now: Date = currentTime()): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}
