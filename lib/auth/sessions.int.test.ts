import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userSessions } from "@/db/schema";
import { changePassword } from "@/lib/accounts/operations/change-password";
import { requestPasswordReset } from "@/lib/accounts/operations/send-reset-link";
import { setPasswordWithToken } from "@/lib/accounts/operations/spend-link";
import { signOutEverywhere } from "@/lib/accounts/operations/sign-out-everywhere";
import { handleSignInsCron } from "@/lib/cron/sign-ins";
import { withCronSecret } from "@/tests/cron";
import { sendMail } from "@/lib/mail/send";
import { deactivatePerson } from "@/lib/people/operations/deactivate-person";
import { reactivatePerson } from "@/lib/people/operations/reactivate-person";
import { updatePerson } from "@/lib/people/operations/update-person";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { mailbox, tokenIn } from "@/tests/mailbox";
import { testPorts } from "@/tests/ports";
import { hashPassword } from "./password";
import { openSession, closeSession, SESSION_DAYS } from "./sessions";
import { loadSessionViewer } from "./viewer";

const inbox = mailbox(`http://127.0.0.1:${testPorts.integrationMailWeb}/api`);
const PASSWORD = "a long enough secret";
let handle: TestDatabase;
let admin: TestPerson;
let companyId: string;
let hash: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  companyId = (await createCompany(handle.db, "Acme")).id;
  hash = await hashPassword(PASSWORD);
  admin = await createPerson(handle.db, companyId, { roles: ["admin"], email: `admin.${opId()}@acme.example` });
});
afterAll(() => handle.close());

const person = (roles: ("admin" | "hr")[] = []) =>
  createPerson(handle.db, companyId, { roles, email: `p.${opId().slice(0, 8)}@acme.example`, passwordHash: hash });

/** Two sign-ins of one person, as two browsers (or a cookie and its copy: the same row). */
async function signedIn(who: TestPerson) {
  const first = (await openSession(handle.db, who.id))!;
  const second = (await openSession(handle.db, who.id))!;
  const live = async (sessionId: string) => (await loadSessionViewer(handle.db, { userId: who.id, sessionId })) !== null;
  // Positive control: both sessions work before anything ends them.
  expect([await live(first), await live(second)]).toEqual([true, true]);
  return { first, second, live };
}

describe("sessions", () => {
  it("sign-out ends that session, and only that one", async () => {
    const who = await person();
    const { first, second, live } = await signedIn(who);
    await closeSession(handle.db, first);
    expect([await live(first), await live(second)]).toEqual([false, true]);
    // A session's id is only good with its own person.
    expect(await loadSessionViewer(handle.db, { userId: admin.id, sessionId: second })).toBeNull();
  });

  it("a password chosen through a mailed link ends every session", async () => {
    const who = await person();
    const { first, second, live } = await signedIn(who);
    const { mail } = await requestPasswordReset(handle.db, who.email, 0);
    await sendMail(mail ?? []);
    const [message] = await inbox.waitFor(who.email);
    await setPasswordWithToken(
      handle.db,
      { token: tokenIn(message!), password: "brand new secret", confirmPassword: "brand new secret" },
      null,
    );
    expect([await live(first), await live(second)]).toEqual([false, false]);
  });

  it("a password change ends every session, the changing one included, and gives that browser a new one", async () => {
    const who = await person();
    const { first, second, live } = await signedIn(who);
    const {
      result: { sessionId },
    } = await changePassword(handle.db, who, {
      currentPassword: PASSWORD,
      password: "my next password",
      confirmPassword: "my next password",
      operationId: opId(),
    });
    expect([await live(first), await live(second), await live(sessionId!)]).toEqual([false, false, true]);
  });

  it("deactivation ends every session, and reactivation does not bring them back", async () => {
    const who = await person();
    const { first, second, live } = await signedIn(who);
    await deactivatePerson(handle.db, admin, { personId: who.id, operationId: opId() });
    expect(await openSession(handle.db, who.id)).toBeNull();
    await reactivatePerson(handle.db, admin, { personId: who.id, operationId: opId() });
    expect([await live(first), await live(second)]).toEqual([false, false]);
    expect(await live((await openSession(handle.db, who.id))!)).toBe(true);
  });

  it("taking a role away ends every session; giving one does not", async () => {
    const who = await person(["hr"]);
    const { first, second, live } = await signedIn(who);
    await updatePerson(handle.db, admin, { personId: who.id, operationId: opId(), roles: ["admin", "hr"] });
    expect([await live(first), await live(second)]).toEqual([true, true]);
    await updatePerson(handle.db, admin, { personId: who.id, operationId: opId(), roles: ["admin"] });
    expect([await live(first), await live(second)]).toEqual([false, false]);
  });

  it("“Sign out everywhere” ends every session of the person and no one else's", async () => {
    const who = await person();
    const other = await person();
    const { first, second, live } = await signedIn(who);
    const theirs = (await openSession(handle.db, other.id))!;
    const outcome = await signOutEverywhere(handle.db, who, { operationId: opId() });
    expect(outcome).toMatchObject({ result: { sessionsEnded: 2 }, disconnectUsers: [who.id] });
    expect([await live(first), await live(second)]).toEqual([false, false]);
    expect(await loadSessionViewer(handle.db, { userId: other.id, sessionId: theirs })).not.toBeNull();
  });

  it(`ends ${SESSION_DAYS} days after last use; use moves the end on; the scheduler deletes ended rows`, async () => {
    const who = await person();
    const { first, second, live } = await signedIn(who);
    // Used two hours ago, ending in a day: the next request moves the end a full lifetime on.
    await handle.db
      .update(userSessions)
      .set({ lastSeenAt: sql`now() - interval '2 hours'`, expiresAt: sql`now() + interval '1 day'` })
      .where(eq(userSessions.id, first));
    expect(await live(first)).toBe(true);
    const [moved] = await handle.db.select({ expiresAt: userSessions.expiresAt }).from(userSessions).where(eq(userSessions.id, first));
    expect(moved!.expiresAt.getTime()).toBeGreaterThan(Date.now() + (SESSION_DAYS - 1) * 86_400_000);

    await handle.db
      .update(userSessions)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(userSessions.id, second));
    expect(await live(second)).toBe(false);
    // The scheduler's route, with its secret.
    await withCronSecret(async (secret) => {
      const cron = (authorization: string) =>
        handleSignInsCron(new Request("http://localhost/api/cron/sign-ins", { headers: { authorization } }), handle.db);
      expect((await cron("Bearer wrong")).status).toBe(401);
      const response = await cron(`Bearer ${secret}`);
      expect(response.status).toBe(200);
      expect((await response.json()).sessionsDeleted).toBeGreaterThanOrEqual(1);
    });
    const left = await handle.db.select({ id: userSessions.id }).from(userSessions).where(eq(userSessions.userId, who.id));
    expect(left).toEqual([{ id: first }]);
  });
});
