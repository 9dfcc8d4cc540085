import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountTokens, auditLog, operations, users } from "@/db/schema";
import { attemptSignIn, checkCredentials } from "@/lib/auth/credentials";
import { hashPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/errors";
import { sendMail } from "@/lib/mail/send";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createDepartment, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { linkIn, mailbox, tokenIn } from "@/tests/mailbox";
import { testPorts } from "@/tests/ports";
import { PASSWORD_LINK_TRIES_PER_HOUR } from "@/lib/auth/throttle";
import { changePassword } from "@/lib/accounts/operations/change-password";
import { invitePerson } from "@/lib/accounts/operations/invite-person";
import { RESET_ANSWER_MS, RESET_LINKS_PER_HOUR, requestPasswordReset } from "@/lib/accounts/operations/send-reset-link";
import { resendInvitation } from "@/lib/accounts/operations/resend-invitation";
import { setPasswordWithToken } from "@/lib/accounts/operations/spend-link";
import { hashToken, inspectToken } from "@/lib/account-links/tokens";

const inbox = mailbox(`http://127.0.0.1:${testPorts.integrationMailWeb}/api`);
const PASSWORD = "a long enough secret";

let handle: TestDatabase;
let admin: TestPerson;
let otherAdmin: TestPerson;
let learner: TestPerson;
let departmentId: string;
let otherDepartmentId: string;

const unique = (name: string) => `${name}.${Math.random().toString(36).slice(2, 8)}@acme.example`;

async function expectAppError(promise: Promise<unknown>, code: string, field?: string) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  expect((error as AppError).field).toBe(field);
  return error as AppError;
}

/** Invites, sends the mail as the action does after commit, and returns the token from the message that arrived. */
async function inviteAndReceive(email: string, extra: Partial<Parameters<typeof invitePerson>[2]> = {}) {
  const outcome = await invitePerson(handle.db, admin, {
    name: "Nia New",
    email,
    departmentId: null,
    roles: [],
    operationId: opId(),
    ...extra,
  });
  expect(await sendMail(outcome.mail ?? [])).toBe(1);
  const [mail] = await inbox.waitFor(email);
  return { userId: outcome.result.userId, token: tokenIn(mail!), mail: mail! };
}

beforeAll(async () => {
  handle = await createTestDatabase();
  const acme = await createCompany(handle.db, "Acme");
  const globex = await createCompany(handle.db, "Globex");
  admin = await createPerson(handle.db, acme.id, { roles: ["admin"], name: "Dana Admin", email: unique("dana") });
  learner = await createPerson(handle.db, acme.id, { email: unique("lena"), passwordHash: await hashPassword(PASSWORD) });
  otherAdmin = await createPerson(handle.db, globex.id, { roles: ["admin"], email: unique("gina") });
  departmentId = (await createDepartment(handle.db, acme.id, "Sales")).id;
  otherDepartmentId = (await createDepartment(handle.db, globex.id, "Sales")).id;
});
afterAll(() => handle.close());

describe("inviting a person", () => {
  it("creates the account without a password and mails a one-time link, stored only as a hash", async () => {
    const email = unique("nia");
    const { userId, token, mail } = await inviteAndReceive(email, { departmentId, roles: ["hr"] });

    const [person] = await handle.db.select().from(users).where(eq(users.id, userId));
    expect(person).toMatchObject({ email, companyId: admin.companyId, departmentId, roles: ["hr"], passwordHash: null });
    const tokens = await handle.db.select().from(accountTokens).where(eq(accountTokens.userId, userId));
    expect(tokens).toHaveLength(1);
    expect(tokens[0]).toMatchObject({ purpose: "invitation", tokenHash: hashToken(token), usedAt: null, createdBy: admin.id });
    expect(JSON.stringify(tokens)).not.toContain(token);
    const days = (tokens[0]!.expiresAt.getTime() - tokens[0]!.createdAt.getTime()) / 86_400_000;
    expect(days).toBeCloseTo(7, 3);

    expect(mail.subject).toBe("Dana Admin invited you to Acme on Cohort");
    expect(linkIn(mail)).toMatch(/^http:\/\/cohort\.test\/set-password\?token=[A-Za-z0-9_-]{43}$/);
    expect(mail.text).toContain("Hello Nia New,");
    expect(mail.text).toContain("(Europe/Berlin)");
    expect(mail.html).toContain(`href="${linkIn(mail)}"`);

    const [audit] = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "person.invited"), eq(auditLog.targetId, userId)));
    expect(audit).toMatchObject({ actorId: admin.id, companyId: admin.companyId });
  });

  it("does not let the invited person sign in before they choose a password", async () => {
    const email = unique("waiting");
    await inviteAndReceive(email);
    for (const password of ["", "anything at all"]) {
      expect(await checkCredentials(handle.db, { email, password })).toBeNull();
    }
    expect((await attemptSignIn(handle.db, { email, password: "anything at all" }, null)).ok).toBe(false);
  });

  it("invites once per operation id: a resubmitted form creates nothing more and sends nothing", async () => {
    const email = unique("twice");
    const input = { name: "Tom Twice", email, departmentId: null, roles: [] as ("admin" | "hr")[], operationId: opId() };
    const first = await invitePerson(handle.db, admin, input);
    const replay = await invitePerson(handle.db, admin, input);
    expect(replay.result).toEqual(first.result);
    expect(first.mail).toHaveLength(1);
    expect(replay.mail ?? []).toHaveLength(0);
    expect(await handle.db.$count(users, eq(users.email, email))).toBe(1);
    expect(await handle.db.$count(accountTokens, eq(accountTokens.userId, first.result.userId))).toBe(1);
  });

  it("refuses an email in use anywhere in the product without naming the other company, and changes nothing", async () => {
    const operationId = opId();
    const error = await expectAppError(
      invitePerson(handle.db, admin, { name: "Clash", email: otherAdmin.email, departmentId: null, roles: [], operationId }),
      "accounts.errors.emailUnavailable",
      "email",
    );
    expect(error.values).toEqual({});
    expect(await handle.db.$count(operations, eq(operations.operationKey, operationId))).toBe(0);
  });

  it("refuses another company's department, and lets only admins invite", async () => {
    await expectAppError(
      invitePerson(handle.db, admin, { name: "X", email: unique("x"), departmentId: otherDepartmentId, roles: [], operationId: opId() }),
      "accounts.errors.departmentNotFound",
      "departmentId",
    );
    await expectAppError(
      invitePerson(handle.db, learner, { name: "X", email: unique("x"), departmentId: null, roles: [], operationId: opId() }),
      "forbidden",
    );
  });
});

describe("one-time links", () => {
  it("set the password once: the person signs in with it, and the link is spent", async () => {
    const email = unique("once");
    const { token, userId } = await inviteAndReceive(email);
    expect(await inspectToken(handle.db, token)).toEqual({ state: "valid", purpose: "invitation", email });

    expect(await setPasswordWithToken(handle.db, { token, password: PASSWORD, confirmPassword: PASSWORD }, null)).toEqual({ email });
    expect(await checkCredentials(handle.db, { email, password: PASSWORD })).toMatchObject({ id: userId });

    expect((await inspectToken(handle.db, token)).state).toBe("used");
    await expectAppError(
      setPasswordWithToken(handle.db, { token, password: "another password!", confirmPassword: "" }, null),
      "accounts.errors.linkUsed",
    );
    expect(await checkCredentials(handle.db, { email, password: PASSWORD })).toMatchObject({ id: userId });
  });

  it("expire after seven days", async () => {
    const { token } = await inviteAndReceive(unique("late"));
    await handle.db
      .update(accountTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(accountTokens.tokenHash, hashToken(token)));
    expect((await inspectToken(handle.db, token)).state).toBe("expired");
    await expectAppError(
      setPasswordWithToken(handle.db, { token, password: PASSWORD, confirmPassword: PASSWORD }, null),
      "accounts.errors.linkExpired",
    );
  });

  it("are invalid when unknown, or when the person was deactivated meanwhile", async () => {
    await expectAppError(
      setPasswordWithToken(handle.db, { token: "A".repeat(43), password: PASSWORD, confirmPassword: PASSWORD }, null),
      "accounts.errors.linkInvalid",
    );
    const { token, userId } = await inviteAndReceive(unique("gone"));
    await handle.db.update(users).set({ deactivatedAt: new Date() }).where(eq(users.id, userId));
    expect((await inspectToken(handle.db, token)).state).toBe("invalid");
    await expectAppError(
      setPasswordWithToken(handle.db, { token, password: PASSWORD, confirmPassword: PASSWORD }, null),
      "accounts.errors.linkInvalid",
    );
  });

  it("all end when a password is chosen, of both purposes: an invitation after a reset, a reset after an accepted invitation", async () => {
    const resetFirst = unique("both-a");
    const { token: invitation } = await inviteAndReceive(resetFirst);
    await sendMail((await requestPasswordReset(handle.db, resetFirst, 0)).mail ?? []);
    const reset = tokenIn((await inbox.waitFor(resetFirst, 2)).find((mail) => tokenIn(mail) !== invitation)!);
    // Positive control: both links work until one of them is used.
    expect([(await inspectToken(handle.db, invitation)).state, (await inspectToken(handle.db, reset)).state]).toEqual(["valid", "valid"]);
    await setPasswordWithToken(handle.db, { token: reset, password: PASSWORD, confirmPassword: PASSWORD }, null);
    await expectAppError(
      setPasswordWithToken(handle.db, { token: invitation, password: "taken over!!", confirmPassword: "taken over!!" }, null),
      "accounts.errors.linkExpired",
    );

    const acceptFirst = unique("both-b");
    const { token: accepted } = await inviteAndReceive(acceptFirst);
    await sendMail((await requestPasswordReset(handle.db, acceptFirst, 0)).mail ?? []);
    const pending = tokenIn((await inbox.waitFor(acceptFirst, 2)).find((mail) => tokenIn(mail) !== accepted)!);
    await setPasswordWithToken(handle.db, { token: accepted, password: PASSWORD, confirmPassword: PASSWORD }, null);
    await expectAppError(
      setPasswordWithToken(handle.db, { token: pending, password: "taken over!!", confirmPassword: "taken over!!" }, null),
      "accounts.errors.linkExpired",
    );
    expect(await checkCredentials(handle.db, { email: acceptFirst, password: PASSWORD })).not.toBeNull();
  });

  it(`take ${PASSWORD_LINK_TRIES_PER_HOUR} tries an hour from one address, wrong links included`, async () => {
    const from = `198.51.100.${Math.floor(Math.random() * 250)}`;
    const { token } = await inviteAndReceive(unique("tries"));
    for (let i = 1; i < PASSWORD_LINK_TRIES_PER_HOUR; i++) {
      await expectAppError(
        setPasswordWithToken(handle.db, { token: `guess${i}`.padEnd(43, "x"), password: PASSWORD, confirmPassword: PASSWORD }, from),
        "accounts.errors.linkInvalid",
      );
    }
    // The tenth try still goes ahead; the eleventh is refused, a valid link included, and nothing is spent.
    const email = (await inspectToken(handle.db, token)).email;
    expect(await setPasswordWithToken(handle.db, { token, password: PASSWORD, confirmPassword: PASSWORD }, from)).toEqual({ email });
    const { token: next } = await inviteAndReceive(unique("tries-next"));
    const refused = await expectAppError(
      setPasswordWithToken(handle.db, { token: next, password: PASSWORD, confirmPassword: PASSWORD }, from),
      "accounts.errors.linkTriesExceeded",
    );
    expect(refused.values).toEqual({ minutes: 60 });
    expect((await inspectToken(handle.db, next)).state).toBe("valid");
    expect(
      await setPasswordWithToken(handle.db, { token: next, password: PASSWORD, confirmPassword: PASSWORD }, "198.51.100.251"),
    ).toMatchObject({});
  });

  it("are spent by exactly one of two simultaneous uses", async () => {
    const email = unique("race");
    const { token } = await inviteAndReceive(email);
    const results = await Promise.allSettled([
      setPasswordWithToken(handle.db, { token, password: "first password!", confirmPassword: "first password!" }, null),
      setPasswordWithToken(handle.db, { token, password: "second password", confirmPassword: "second password" }, null),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const winner = results[0]!.status === "fulfilled" ? "first password!" : "second password";
    expect(await checkCredentials(handle.db, { email, password: winner })).not.toBeNull();
  });
});

describe("resending an invitation", () => {
  it("sends a new link and ends the old one", async () => {
    const email = unique("resend");
    const { userId, token: first } = await inviteAndReceive(email);
    const outcome = await resendInvitation(handle.db, admin, { userId, operationId: opId() });
    await sendMail(outcome.mail ?? []);
    const mails = await inbox.waitFor(email, 2);
    const second = tokenIn(mails.find((mail) => tokenIn(mail) !== first)!);

    expect((await inspectToken(handle.db, first)).state).toBe("expired");
    await setPasswordWithToken(handle.db, { token: second, password: PASSWORD, confirmPassword: PASSWORD }, null);
    await expectAppError(resendInvitation(handle.db, admin, { userId, operationId: opId() }), "accounts.errors.notPending");
  });

  it("is not found for another company's person", async () => {
    const { userId } = await inviteAndReceive(unique("hidden"));
    await expectAppError(resendInvitation(handle.db, otherAdmin, { userId, operationId: opId() }), "not_found");
    expect(await handle.db.$count(accountTokens, eq(accountTokens.userId, userId))).toBe(1);
  });
});

describe("forgot password", () => {
  it("mails a link to an active person; the new password replaces the old one and other reset links end", async () => {
    const email = unique("forgot");
    const person = await createPerson(handle.db, admin.companyId, {
      email,
      name: "Fay Forgot",
      passwordHash: await hashPassword(PASSWORD),
    });
    const first = await requestPasswordReset(handle.db, email);
    const second = await requestPasswordReset(handle.db, email);
    await sendMail([...(first.mail ?? []), ...(second.mail ?? [])]);
    const mails = await inbox.waitFor(email, 2);
    expect(mails[0]!.subject).toBe("Choose a new password for Cohort");
    const [tokenA, tokenB] = mails.map(tokenIn);

    await setPasswordWithToken(handle.db, { token: tokenA!, password: "brand new secret", confirmPassword: "brand new secret" }, null);
    expect(await checkCredentials(handle.db, { email, password: PASSWORD })).toBeNull();
    expect(await checkCredentials(handle.db, { email, password: "brand new secret" })).toMatchObject({ id: person.id });
    expect((await inspectToken(handle.db, tokenB!)).state).toBe("expired");
  });

  it(`sends at most ${RESET_LINKS_PER_HOUR} links an hour to one person, answering the same`, async () => {
    const person = await createPerson(handle.db, admin.companyId, { email: unique("flood") });
    const outcomes = [];
    for (let i = 0; i <= RESET_LINKS_PER_HOUR; i++) outcomes.push(await requestPasswordReset(handle.db, person.email, 0));
    expect(outcomes.map((outcome) => outcome.mail?.length ?? 0)).toEqual([...Array(RESET_LINKS_PER_HOUR).fill(1), 0]);
    expect(outcomes.every((outcome) => outcome.result === null)).toBe(true);
    await handle.db
      .update(accountTokens)
      .set({ createdAt: new Date(Date.now() - 61 * 60_000) })
      .where(eq(accountTokens.userId, person.id));
    expect((await requestPasswordReset(handle.db, person.email, 0)).mail).toHaveLength(1);
  });

  it("takes the same time whether or not the address has an account", async () => {
    const known = await createPerson(handle.db, admin.companyId, { email: unique("timed"), passwordHash: await hashPassword(PASSWORD) });
    const timed = async (email: string) => {
      const started = performance.now();
      await requestPasswordReset(handle.db, email);
      return performance.now() - started;
    };
    const [unknown, existing] = [await timed(unique("nobody")), await timed(known.email)];
    // Before, an unknown address answered at once and a known one after a transaction; now both wait out the same time.
    expect(unknown).toBeGreaterThanOrEqual(RESET_ANSWER_MS - 1);
    expect(existing).toBeGreaterThanOrEqual(RESET_ANSWER_MS - 1);
    expect(Math.abs(existing - unknown)).toBeLessThan(RESET_ANSWER_MS / 2);
  });

  it("answers the same for unknown and deactivated addresses, and sends them nothing", async () => {
    const gone = await createPerson(handle.db, admin.companyId, { email: unique("left"), deactivated: true });
    for (const email of [unique("nobody"), gone.email]) {
      expect(await requestPasswordReset(handle.db, email)).toEqual({ result: null, mail: [] });
    }
    expect(await handle.db.$count(accountTokens, eq(accountTokens.userId, gone.id))).toBe(0);
  });
});

describe("changing one's password", () => {
  it("asks for the current password, and takes the new one once per operation", async () => {
    const email = unique("change");
    const person = await createPerson(handle.db, admin.companyId, { email, passwordHash: await hashPassword(PASSWORD) });
    const next = { password: "my next password", confirmPassword: "my next password" };
    await expectAppError(
      changePassword(handle.db, person, { currentPassword: "not it at all", ...next, operationId: opId() }),
      "accounts.errors.wrongPassword",
      "currentPassword",
    );
    await expectAppError(
      changePassword(handle.db, person, { currentPassword: PASSWORD, password: PASSWORD, confirmPassword: PASSWORD, operationId: opId() }),
      "accounts.errors.samePassword",
      "password",
    );
    expect(await checkCredentials(handle.db, { email, password: PASSWORD })).not.toBeNull();

    await sendMail((await requestPasswordReset(handle.db, email, 0)).mail ?? []);
    const reset = tokenIn((await inbox.waitFor(email))[0]!);
    expect((await inspectToken(handle.db, reset)).state).toBe("valid");
    const operationId = opId();
    await changePassword(handle.db, person, { currentPassword: PASSWORD, ...next, operationId });
    expect((await inspectToken(handle.db, reset)).state).toBe("expired");
    await changePassword(handle.db, person, { currentPassword: PASSWORD, ...next, operationId });
    expect(await checkCredentials(handle.db, { email, password: "my next password" })).toMatchObject({ id: person.id });
    expect(await checkCredentials(handle.db, { email, password: PASSWORD })).toBeNull();
    expect(await handle.db.$count(auditLog, and(eq(auditLog.action, "account.password_changed"), eq(auditLog.targetId, person.id)))).toBe(
      1,
    );
  });
});
