import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, openPglite, openPostgres } from "@/db/client";
import { signInThrottles } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createPerson } from "@/tests/fixtures";
import { attemptSignIn } from "./credentials";
import { hashPassword } from "./password";
import { ACCOUNT_FAILURE_LIMIT, ADDRESS_FAILURE_LIMIT, LOCK_MINUTES, minutesUntil } from "./throttle";

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

/**
 * The same database as a new process would see it: a fresh pool on PostgreSQL; on PGlite, a new
 * instance loaded from a dump of the data directory.
 */
async function reopen(): Promise<DatabaseHandle> {
  if (handle.url) return openPostgres(handle.url, { max: 1 });
  if (handle.engine !== "pglite") throw new Error("unexpected engine");
  return openPglite({ loadDataDir: await handle.client.dumpDataDir("none") });
}

describe("sign-in throttling", () => {
  it(`locks an account after ${ACCOUNT_FAILURE_LIMIT} failures, the right password included, and says for how long`, async () => {
    const { email, id } = await person();
    const from = address();
    await fail(handle.db, email, from, ACCOUNT_FAILURE_LIMIT - 1);
    expect(await attemptSignIn(handle.db, { email, password: "wrong again" }, from)).toMatchObject({ ok: false });
    const refused = await attemptSignIn(handle.db, { email, password: PASSWORD }, address());
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(minutesUntil(refused.lockedUntil!)).toBe(LOCK_MINUTES);
    // Another account is not affected.
    const other = await person();
    expect(await attemptSignIn(handle.db, { email: other.email, password: PASSWORD }, from)).toEqual({ ok: true, id: other.id });
    expect(id).not.toBe(other.id);
  });

  it("keeps the lock across a restart: the counts live in the database", async () => {
    const { email } = await person();
    await fail(handle.db, email, null, ACCOUNT_FAILURE_LIMIT);
    const restarted = await reopen();
    try {
      const attempt = await attemptSignIn(restarted.db, { email, password: PASSWORD }, null);
      expect(attempt.ok).toBe(false);
      expect(attempt.ok === false && attempt.lockedUntil).toBeInstanceOf(Date);
    } finally {
      await restarted.close();
    }
  });

  it("lets the account in again once the lock has passed, with a fresh count", async () => {
    const { email, id } = await person();
    await fail(handle.db, email, null, ACCOUNT_FAILURE_LIMIT);
    const past = new Date(Date.now() - 60 * 60_000);
    await handle.db
      .update(signInThrottles)
      .set({ lockedUntil: past, windowStartedAt: past })
      .where(and(eq(signInThrottles.scope, "account"), eq(signInThrottles.key, email)));
    await fail(handle.db, email, null, 1);
    const [row] = await handle.db.select().from(signInThrottles).where(eq(signInThrottles.key, email));
    expect(row?.failures).toBe(1);
    expect(await attemptSignIn(handle.db, { email, password: PASSWORD }, null)).toEqual({ ok: true, id });
  });

  it("clears an account's count on success", async () => {
    const { email, id } = await person();
    await fail(handle.db, email, null, ACCOUNT_FAILURE_LIMIT - 1);
    expect(await attemptSignIn(handle.db, { email, password: PASSWORD }, null)).toEqual({ ok: true, id });
    await fail(handle.db, email, null, ACCOUNT_FAILURE_LIMIT - 1);
    expect(await attemptSignIn(handle.db, { email, password: PASSWORD }, null)).toEqual({ ok: true, id });
  });

  it(`locks a client address after ${ADDRESS_FAILURE_LIMIT} failures across accounts, and only that address`, async () => {
    const from = address();
    for (let i = 0; i < ADDRESS_FAILURE_LIMIT; i++) await fail(handle.db, `unknown-${i}-${counter}@acme.example`, from, 1);
    const { email, id } = await person();
    expect((await attemptSignIn(handle.db, { email, password: PASSWORD }, from)).ok).toBe(false);
    expect(await attemptSignIn(handle.db, { email, password: PASSWORD }, address())).toEqual({ ok: true, id });
  });
});
