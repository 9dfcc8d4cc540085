import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, openPglite, openPostgres } from "@/db/client";
import { signInAddresses, signInThrottles } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createPerson } from "@/tests/fixtures";
import { clientAddress, PEER_ADDRESS_HEADER, trustedProxies } from "./client-address";
import { attemptSignIn } from "./credentials";
import { hashPassword } from "./password";
import {
  ACCOUNT_DELAY_CAP_SECONDS,
  ADDRESS_FAILURE_LIMIT,
  countPasswordLinkTry,
  deleteStaleAddresses,
  KNOWN_ADDRESS_DAYS,
  LOCK_MINUTES,
  minutesUntil,
  PAIR_FAILURE_LIMIT,
  PASSWORD_LINK_TRIES_PER_HOUR,
  recordFailure,
} from "./throttle";

const PASSWORD = "correct horse battery";
let handle: TestDatabase;
let companyId: string;
let hash: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  companyId = (await createCompany(handle.db)).id;
  hash = await hashPassword(PASSWORD);
});
afterAll(() => handle.close());

let counter = 0;
async function person() {
  return createPerson(handle.db, companyId, { email: `throttle-${++counter}@acme.example`, passwordHash: hash });
}
const address = () => `203.0.113.${++counter % 250}`;

async function fail(db: DatabaseHandle["db"], email: string, from: string | null, times: number) {
  for (let i = 0; i < times; i++) await attemptSignIn(db, { email, password: "wrong guess" }, from);
}

/** Failures counted as a wrong password counts them, without its hashing: for the many an attack makes. */
async function failures(email: (i: number) => string, from: (i: number) => string, times: number) {
  for (let i = 0; i < times; i++) await recordFailure(handle.db, { email: email(i), address: from(i) });
}

/** The person signs in once from `from`, which makes it known for them. */
async function signInFrom(email: string, from: string) {
  expect(await attemptSignIn(handle.db, { email, password: PASSWORD }, from)).toMatchObject({ ok: true });
}

/**
 * The same database as a new process would see it: a fresh pool on PostgreSQL; on PGlite, a new
 * instance loaded from a dump of the data directory.
 */
async function reopen(): Promise<DatabaseHandle> {
  if (handle.url) return openPostgres(handle.url, { max: 1, connectAs: "owner" });
  if (handle.engine !== "pglite") throw new Error("unexpected engine");
  return openPglite({ loadDataDir: await handle.client.dumpDataDir("none"), connectAs: "owner" });
}

describe("sign-in limits", () => {
  it(`lock one account at one address after ${PAIR_FAILURE_LIMIT} failures, the right password included, and say for how long`, async () => {
    const { email, id } = await person();
    const from = address();
    await signInFrom(email, from);
    await failures(
      () => email,
      () => from,
      PAIR_FAILURE_LIMIT - 1,
    );
    expect(await attemptSignIn(handle.db, { email, password: PASSWORD }, from)).toMatchObject({ ok: true, id });
    await failures(
      () => email,
      () => from,
      PAIR_FAILURE_LIMIT - 1,
    );
    await fail(handle.db, email, from, 1);
    const refused = await attemptSignIn(handle.db, { email, password: PASSWORD }, from);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(minutesUntil(refused.retryAt!)).toBe(LOCK_MINUTES);
    // Another account at the same address is not affected.
    const other = await person();
    expect(await attemptSignIn(handle.db, { email: other.email, password: PASSWORD }, from)).toMatchObject({ ok: true, id: other.id });
  });

  it("keep a lock across a restart: the counts live in the database", async () => {
    const { email } = await person();
    const from = address();
    await failures(
      () => email,
      () => from,
      PAIR_FAILURE_LIMIT,
    );
    const restarted = await reopen();
    try {
      const attempt = await attemptSignIn(restarted.db, { email, password: PASSWORD }, from);
      expect(attempt.ok).toBe(false);
      expect(attempt.ok === false && attempt.retryAt).toBeInstanceOf(Date);
    } finally {
      await restarted.close();
    }
  });

  it("let the pair in again once the lock has passed, with a fresh count", async () => {
    const { email, id } = await person();
    const from = address();
    await failures(
      () => email,
      () => from,
      PAIR_FAILURE_LIMIT,
    );
    const past = new Date(Date.now() - 60 * 60_000);
    await handle.db
      .update(signInThrottles)
      .set({ lockedUntil: past, windowStartedAt: past, lastFailureAt: past })
      .where(sql`${signInThrottles.key} like ${`${email}%`}`);
    await fail(handle.db, email, from, 1);
    const [row] = await handle.db
      .select()
      .from(signInThrottles)
      .where(and(eq(signInThrottles.scope, "account_address"), eq(signInThrottles.key, `${email} ${from}`)));
    expect(row?.failures).toBe(1);
    expect(await attemptSignIn(handle.db, { email, password: PASSWORD }, from)).toMatchObject({ ok: true, id });
  });

  it("never refuse the right password from a known address because of failures elsewhere (the owner's attack)", async () => {
    const owner = await person();
    const home = address();
    await signInFrom(owner.email, home);
    // Wrong passwords from other places: before, five of them locked the owner out for 15 minutes.
    await fail(handle.db, owner.email, address(), 1);
    await failures(
      () => owner.email,
      () => address(),
      2 * PAIR_FAILURE_LIMIT,
    );
    expect(await attemptSignIn(handle.db, { email: owner.email, password: PASSWORD }, home)).toMatchObject({ ok: true, id: owner.id });
    // Positive control: a place the owner never signed in from waits out the account's delay.
    await failures(
      () => owner.email,
      () => address(),
      2 * PAIR_FAILURE_LIMIT,
    );
    expect(await attemptSignIn(handle.db, { email: owner.email, password: PASSWORD }, address())).toMatchObject({ ok: false });
  });

  it("slow rotating addresses down per account, up to a minute, without locking anyone (the rotating X-Forwarded-For attack)", async () => {
    const target = await person();
    const home = address();
    await signInFrom(target.email, home);
    const from = Array.from({ length: 30 }, () => address());
    await fail(handle.db, target.email, from[0]!, 1);
    await failures(
      () => target.email,
      (i) => from[i + 1]!,
      from.length - 1,
    );
    // Each guess made the next wait longer; after 30 the wait is the cap, and no lock was made.
    const attempt = await attemptSignIn(handle.db, { email: target.email, password: PASSWORD }, address());
    expect(attempt.ok).toBe(false);
    const seconds = attempt.ok ? 0 : (attempt.retryAt!.getTime() - Date.now()) / 1000;
    expect(seconds).toBeGreaterThan(ACCOUNT_DELAY_CAP_SECONDS - 10);
    expect(seconds).toBeLessThanOrEqual(ACCOUNT_DELAY_CAP_SECONDS);
    const locks = await handle.db
      .select({ key: signInThrottles.key })
      .from(signInThrottles)
      .where(and(inArray(signInThrottles.key, from), sql`${signInThrottles.lockedUntil} is not null`));
    expect(locks).toEqual([]);
    expect(await attemptSignIn(handle.db, { email: target.email, password: PASSWORD }, home)).toMatchObject({ ok: true, id: target.id });
  });

  it(`lock an address after ${ADDRESS_FAILURE_LIMIT} failures across accounts, except for the accounts it is known for (the office)`, async () => {
    const office = address();
    const colleague = await person();
    await signInFrom(colleague.email, office);
    const visitor = await person();
    await fail(handle.db, `unknown-${counter}@acme.example`, office, 1);
    await failures(
      (i) => `unknown-${i}-${counter}@acme.example`,
      () => office,
      ADDRESS_FAILURE_LIMIT - 1,
    );
    expect(await attemptSignIn(handle.db, { email: colleague.email, password: PASSWORD }, office)).toMatchObject({
      ok: true,
      id: colleague.id,
    });
    expect((await attemptSignIn(handle.db, { email: visitor.email, password: PASSWORD }, office)).ok).toBe(false);
    expect(await attemptSignIn(handle.db, { email: visitor.email, password: PASSWORD }, address())).toMatchObject({
      ok: true,
      id: visitor.id,
    });
  });

  it("count a spoofed office address against the one who sent it (the spoofed office attack)", async () => {
    const office = address();
    const attacker = address();
    const newcomer = await person();
    const spoofed = new Headers({ [PEER_ADDRESS_HEADER]: attacker, "x-forwarded-for": office });
    const from = clientAddress(spoofed, trustedProxies([]));
    expect(from).toBe(attacker);
    await failures(
      (i) => `spoof-${i}-${counter}@acme.example`,
      () => from!,
      ADDRESS_FAILURE_LIMIT,
    );
    // The office is untouched, even for someone who never signed in from it; the attacker's own address is locked.
    expect(await attemptSignIn(handle.db, { email: newcomer.email, password: PASSWORD }, office)).toMatchObject({
      ok: true,
      id: newcomer.id,
    });
    expect((await attemptSignIn(handle.db, { email: `spoof-0-${counter}@acme.example`, password: PASSWORD }, attacker)).ok).toBe(false);
  });

  it(`forget an address ${KNOWN_ADDRESS_DAYS} days after the last sign-in from it`, async () => {
    const { email, id } = await person();
    const office = address();
    await signInFrom(email, office);
    await handle.db
      .update(signInAddresses)
      .set({ lastSignedInAt: sql`now() - make_interval(days => ${KNOWN_ADDRESS_DAYS + 1})` })
      .where(eq(signInAddresses.userId, id));
    await failures(
      (i) => `stale-${i}-${counter}@acme.example`,
      () => office,
      ADDRESS_FAILURE_LIMIT,
    );
    expect((await attemptSignIn(handle.db, { email, password: PASSWORD }, office)).ok).toBe(false);
    await deleteStaleAddresses(handle.db);
    expect(await handle.db.$count(signInAddresses, eq(signInAddresses.userId, id))).toBe(0);
  });

  it(`allow ${PASSWORD_LINK_TRIES_PER_HOUR} tries of mailed links an hour per address`, async () => {
    const from = address();
    for (let i = 0; i < PASSWORD_LINK_TRIES_PER_HOUR; i++) expect(await countPasswordLinkTry(handle.db, from)).toBeNull();
    const until = await countPasswordLinkTry(handle.db, from);
    expect(minutesUntil(until!)).toBe(60);
    expect(await countPasswordLinkTry(handle.db, address())).toBeNull();
  });
});
