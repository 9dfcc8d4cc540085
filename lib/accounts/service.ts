import { randomUUID } from "node:crypto";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, DatabaseOrTransaction } from "@/db/client";
import { accountTokens, departments, users } from "@/db/schema";
import { verifyPassword, hashPassword } from "@/lib/auth/password";
import { createSession, revokeUserSessions } from "@/lib/auth/sessions";
import { clearAccountFailures, countPasswordLinkTry, minutesUntil } from "@/lib/auth/throttle";
import type { Ctx } from "@/lib/auth/viewer";
import { AppError, notFound } from "@/lib/errors";
import type { OutgoingMail } from "@/lib/mail/send";
import { type AuditEntry, type Committed, defineOperation } from "@/lib/operations/kernel";
import { addressRefusalAudit, type AddressAttempt, assertAddressUsable, emailUnavailable } from "./addresses";
import { reissueInvitation } from "@/lib/account-links/invitations";
import { composeLinkMail } from "@/lib/account-links/mail";
import {
  changePasswordSchema,
  invitePersonSchema,
  resendInvitationSchema,
  type SetPasswordInput,
  signOutEverywhereSchema,
} from "./schemas";
import { consumeToken, expireOpenTokens, issueToken, linkErrorCode, readToken } from "@/lib/account-links/tokens";

/** Emails are unique across the product; a clash never says where the address is in use. */
export function emailClash(error: unknown): AppError | null {
  const cause = (error as { cause?: { code?: string; constraint?: string } })?.cause ?? error;
  const pg = cause as { code?: string; constraint?: string };
  return pg?.code === "23505" && pg.constraint === "users_email_uq" ? emailUnavailable() : null;
}

/** Who is invited: the account's fields (no password: the person chooses one with the mailed link). */
export type Invitee = { name: string; email: string; departmentId: string | null; managerId?: string | null; roles: ("admin" | "hr")[] };

/**
 * The one way a person is invited, inside the caller's transaction: checks the department and the
 * manager belong to the caller's company and the email is free, inserts the person without a
 * password, issues the invitation link and composes its mail (sent after commit), audited. Used by
 * the admin's invitation, the HR API's create-person and HR's new-hire form.
 */
export async function insertInvitedPerson(
  tx: DatabaseOrTransaction,
  ctx: Ctx,
  audit: (entry: AuditEntry) => Promise<void>,
  input: Invitee,
): Promise<{ userId: string; mail: OutgoingMail }> {
  if (input.departmentId) {
    const [department] = await tx
      .select({ id: departments.id })
      .from(departments)
      .where(and(eq(departments.id, input.departmentId), eq(departments.companyId, ctx.companyId)));
    if (!department) throw new AppError("accounts.errors.departmentNotFound", {}, "departmentId");
  }
  if (input.managerId) {
    const [manager] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, input.managerId), eq(users.companyId, ctx.companyId), isNull(users.deactivatedAt)));
    if (!manager) throw new AppError("manager_not_found", {}, "managerId");
  }
  // Not on another company's domain, not taken anywhere; limited and audited (lib/accounts/addresses.ts).
  await assertAddressUsable(tx, ctx, input.email);
  const [person] = await tx
    .insert(users)
    .values({
      companyId: ctx.companyId,
      name: input.name,
      email: input.email,
      departmentId: input.departmentId,
      managerId: input.managerId ?? null,
      roles: input.roles,
      passwordHash: null,
    })
    .returning({ id: users.id });
  const issued = await issueToken(tx, { userId: person!.id, purpose: "invitation", createdBy: ctx.userId });
  const mail = await composeLinkMail(tx, { userId: person!.id, kind: "invitation", issued, inviterId: ctx.userId });
  await audit({
    action: "person.invited",
    targetType: "user",
    targetId: person!.id,
    details: { email: input.email, roles: input.roles, departmentId: input.departmentId, managerId: input.managerId ?? null },
  });
  return { userId: person!.id, mail };
}

/**
 * What a refused invitation (or new hire) throws and audits: a clash on the unique email, which a
 * concurrent invitation won, as "cannot be used"; any refusal of the address audited on its own, the
 * transaction being rolled back.
 */
export const addressGuard = (attempt: (input: { email: string }) => AddressAttempt) => ({
  mapError: (error: unknown) => emailClash(error) ?? error,
  auditRefusal: (error: unknown, input: { email: string }) => addressRefusalAudit(error, attempt(input)),
});

/**
 * An admin (or an API key) invites a person: the account without a password and a one-time link, in
 * one transaction; the email goes out after commit. A replayed operation returns the first result and
 * sends nothing again (the admin can resend the invitation).
 */
export const invitePerson = defineOperation({
  kind: "people.invite",
  permission: "people.invite",
  input: invitePersonSchema,
  ...addressGuard((input) => ({ via: "invitation", email: input.email })),
  run: async ({ tx, ctx, input, audit }) => {
    const invited = await insertInvitedPerson(tx, ctx, audit, input);
    return { result: { userId: invited.userId }, mail: [invited.mail] };
  },
});

/** A new invitation link for a person of the caller's company who has not chosen a password yet; older links stop working. */
export const resendInvitation = defineOperation({
  kind: "person.resendInvitation",
  permission: "people.invite",
  input: resendInvitationSchema,
  run: async ({ tx, ctx, input, audit }) => {
    const [person] = await tx
      .select({ id: users.id, name: users.name, email: users.email, passwordHash: users.passwordHash })
      .from(users)
      .where(and(eq(users.id, input.userId), eq(users.companyId, ctx.companyId), isNull(users.deactivatedAt)))
      .for("update");
    if (!person) throw notFound();
    if (person.passwordHash) throw new AppError("accounts.errors.notPending", { name: person.name });
    const { mail } = await reissueInvitation(tx, { userId: person.id, inviterId: ctx.userId });
    await audit({ action: "person.invitation_resent", targetType: "user", targetId: person.id });
    return { result: { email: person.email }, mail: [mail] };
  },
});

/** Reset links one person can be sent per hour: enough for a lost mail, too few to flood their inbox through the form. */
export const RESET_LINKS_PER_HOUR = 3;

/**
 * How long "Forgot password" takes to answer, whatever the address: the work for an active account
 * (a transaction, a link, a mail composed) is done well within it, and the answer waits out the rest,
 * so the time it takes tells nobody whether the address has an account.
 */
export const RESET_ANSWER_MS = 400;

/**
 * "Forgot password": a one-time link by email to an active person. Unknown and deactivated
 * addresses get no mail and the same answer, after the same time (RESET_ANSWER_MS), so the form tells
 * nobody who has an account; past RESET_LINKS_PER_HOUR, requests are answered the same and send nothing.
 */
export async function requestPasswordReset(db: Database, email: string, answerMs = RESET_ANSWER_MS): Promise<Committed<null>> {
  const answerAt = Date.now() + answerMs;
  const mail = await issueResetLink(db, email);
  const wait = answerAt - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  return { result: null, mail };
}

/** Reset links sent to the person within the hour. */
const recentResetLinks = (db: DatabaseOrTransaction, userId: string) =>
  db.$count(
    accountTokens,
    and(
      eq(accountTokens.userId, userId),
      eq(accountTokens.purpose, "password_reset"),
      gt(accountTokens.createdAt, sql`now() - interval '1 hour'`),
    ),
  );

/**
 * A reset link for the person an active address names, as their own operation (the asker is signed
 * out; the link goes only to the address's owner, so it does nothing for anyone else). Each request
 * is its own operation; the hour's count decides, read again under the person's lock, so that
 * simultaneous requests cannot all pass it.
 */
export const sendResetLink = defineOperation({
  kind: "account.requestReset",
  permission: "account.manage",
  input: z.object({ operationId: z.uuid() }),
  run: async ({ tx, ctx }) => {
    await tx.select({ id: users.id }).from(users).where(eq(users.id, ctx.userId)).for("update");
    if ((await recentResetLinks(tx, ctx.userId)) >= RESET_LINKS_PER_HOUR) return { result: null };
    const issued = await issueToken(tx, { userId: ctx.userId, purpose: "password_reset", createdBy: null });
    return { result: null, mail: [await composeLinkMail(tx, { userId: ctx.userId, kind: "passwordReset", issued })] };
  },
});

async function issueResetLink(db: Database, email: string): Promise<readonly OutgoingMail[]> {
  const [person] = await db
    .select({ userId: users.id, companyId: users.companyId, roles: users.roles })
    .from(users)
    .where(and(eq(users.email, email), isNull(users.deactivatedAt)));
  if (!person) return [];
  // Past the hour's links a request writes nothing (no operation either): a flood costs one read each.
  if ((await recentResetLinks(db, person.userId)) >= RESET_LINKS_PER_HOUR) return [];
  const { mail } = await sendResetLink(db, person, { operationId: randomUUID() });
  return mail ?? [];
}

/** The work of a valid link, once hashed: the link's holder acts as themselves, the link deciding what they may do. */
const spendLinkSchema = z.object({ token: z.string(), passwordHash: z.string(), operationId: z.uuid() });

/**
 * Spends the link and sets the password, as the link's holder (signed out, the link is what proves
 * who they are): the link is spent by one conditional UPDATE, so of two uses exactly one succeeds,
 * and a link spent by someone else (a holder who changed since it was read) is refused.
 */
export const spendLink = defineOperation({
  kind: "account.setPassword",
  permission: "account.manage",
  input: spendLinkSchema,
  run: async ({ tx, ctx, input, audit }) => {
    const { userId, purpose } = await consumeToken(tx, input.token);
    if (userId !== ctx.userId) throw new AppError("accounts.errors.linkInvalid");
    const [person] = await tx
      .update(users)
      .set({ passwordHash: input.passwordHash })
      .where(eq(users.id, userId))
      .returning({ email: users.email });
    await expireOpenTokens(tx, userId, "all");
    await revokeUserSessions(tx, userId);
    await clearAccountFailures(tx, [person!.email]);
    await audit({ action: "account.password_set", targetType: "user", targetId: userId, details: { purpose } });
    return { result: { email: person!.email } };
  },
});

/**
 * Choosing a password with a mailed link (invitation or reset). Each try counts against the client's
 * address (PASSWORD_LINK_TRIES_PER_HOUR), and the link is looked up before the password is hashed, so
 * guessing links costs the server nothing. Then one operation of the link's holder: the link is spent,
 * the password set, every other open link of the person ends (of both purposes: either would choose a
 * password again), their sessions end and their sign-in failures are cleared. Each submission is its
 * own operation (the link, spent once, refuses a second). Answers the email, for the sign-in form that follows.
 */
export async function setPasswordWithToken(db: Database, input: SetPasswordInput, address: string | null): Promise<{ email: string }> {
  const retryAt = await countPasswordLinkTry(db, address);
  if (retryAt) throw new AppError("accounts.errors.linkTriesExceeded", { minutes: minutesUntil(retryAt) });
  const { state, holder } = await readToken(db, input.token);
  if (state !== "valid" || !holder) throw new AppError(linkErrorCode(state));
  const passwordHash = await hashPassword(input.password);
  const { result } = await spendLink(db, holder, { token: input.token, passwordHash, operationId: randomUUID() });
  return result;
}

/**
 * A signed-in person changes their password; the current one is asked for first. Every open link
 * and every session of the person ends, copies of this browser's cookie included; this browser goes
 * on with the new session answered here (`sessionId`), which the action puts in its token. A
 * resubmitted form (same operation id) answers the first result.
 */
export const changePassword = defineOperation({
  kind: "account.changePassword",
  permission: "account.manage",
  input: changePasswordSchema,
  run: async ({ tx, ctx, input, audit }) => {
    const [person] = await tx
      .select({ passwordHash: users.passwordHash })
      .from(users)
      .where(and(eq(users.id, ctx.userId), eq(users.companyId, ctx.companyId)))
      .for("update");
    if (!person) throw notFound();
    if (!(await verifyPassword(input.currentPassword, person.passwordHash))) {
      throw new AppError("accounts.errors.wrongPassword", {}, "currentPassword");
    }
    if (input.currentPassword === input.password) throw new AppError("accounts.errors.samePassword", {}, "password");
    // Hashed once the current password is known right: a wrong guess costs one comparison, not two.
    await tx
      .update(users)
      .set({ passwordHash: await hashPassword(input.password) })
      .where(eq(users.id, ctx.userId));
    await expireOpenTokens(tx, ctx.userId, "all");
    const sessionsEnded = await revokeUserSessions(tx, ctx.userId);
    await audit({ action: "account.password_changed", targetType: "user", targetId: ctx.userId, details: { sessionsEnded } });
    return { result: { sessionId: await createSession(tx, ctx.userId) } };
  },
});

/** "Sign out everywhere" on the profile: every session of the person ends, this one included. Answers how many were open. */
export const signOutEverywhere = defineOperation({
  kind: "account.signOutEverywhere",
  permission: "account.manage",
  input: signOutEverywhereSchema,
  run: async ({ tx, ctx, audit }) => {
    const sessionsEnded = await revokeUserSessions(tx, ctx.userId);
    await audit({ action: "account.signed_out_everywhere", targetType: "user", targetId: ctx.userId, details: { sessionsEnded } });
    return { result: { sessionsEnded } };
  },
});
