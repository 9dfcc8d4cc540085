import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Database, DatabaseOrTransaction } from "@/db/client";
import { accountTokens, departments, users } from "@/db/schema";
import { recordAudit } from "@/lib/operations/audit";
import { verifyPassword, hashPassword } from "@/lib/auth/password";
import { createSession, revokeUserSessions } from "@/lib/auth/sessions";
import { clearAccountFailures, countPasswordLinkTry, minutesUntil } from "@/lib/auth/throttle";
import type { Ctx } from "@/lib/auth/viewer";
import { AppError, notFound } from "@/lib/errors";
import type { OutgoingMail } from "@/lib/mail/send";
import { type Committed, once } from "@/lib/operations/legacy";
import { assertCan } from "@/lib/permissions";
import { addressRefusalOf, assertAddressUsable, emailUnavailable, recordAddressRefusal } from "./addresses";
import { reissueInvitation } from "./invitations";
import { composeLinkMail } from "./mail";
import type { ChangePasswordInput, InvitePersonInput, SetPasswordInput } from "./schemas";
import { consumeToken, expireOpenTokens, inspectToken, issueToken, linkErrorCode } from "./tokens";


/** Emails are unique across the product; a clash never says where the address is in use. */
export function emailClash(error: unknown): AppError | null {
  const cause = (error as { cause?: { code?: string; constraint?: string } })?.cause ?? error;
  const pg = cause as { code?: string; constraint?: string };
  return pg?.code === "23505" && pg.constraint === "users_email_uq" ? emailUnavailable() : null;
}

/** Who is invited: the account's fields (no password: the person chooses one with the mailed link). */
export type Invitee = Pick<InvitePersonInput, "name" | "email" | "departmentId" | "managerId" | "roles">;

/**
 * The one way a person is invited, inside the caller's transaction: checks the department and the
 * manager belong to the caller's company and the email is free, inserts the person without a
 * password, issues the invitation link and composes its mail (sent after commit), audited. Used by
 * the admin's invitation, the HR API's create-person and HR's new-hire form.
 */
export async function insertInvitedPerson(tx: DatabaseOrTransaction, ctx: Ctx, input: Invitee): Promise<{ userId: string; mail: OutgoingMail }> {
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
  await recordAudit(tx, ctx, {
    action: "person.invited",
    targetType: "user",
    targetId: person!.id,
    details: { email: input.email, roles: input.roles, departmentId: input.departmentId, managerId: input.managerId ?? null },
  });
  return { userId: person!.id, mail };
}

/**
 * An admin (or an API key) invites a person: the account without a password and a one-time link, in
 * one transaction; the email goes out after commit. A replayed operation returns the first result and
 * sends nothing again (the admin can resend the invitation).
 */
export async function invitePerson(db: Database, ctx: Ctx, input: InvitePersonInput): Promise<Committed<{ userId: string }>> {
  assertCan(ctx, "people.invite");
  const mail: OutgoingMail[] = [];
  try {
    const result = await db.transaction(async (tx) => {
      const { result } = await once(tx, ctx, { key: input.operationId, kind: "people.invite" }, async () => {
        const invited = await insertInvitedPerson(tx, ctx, input);
        mail.push(invited.mail);
        return { userId: invited.userId };
      });
      return result;
    });
    return { result, mail };
  } catch (error) {
    throw await refusedAddress(db, ctx, error, { via: "invitation", email: input.email });
  }
}

/**
 * What a failed invitation (or new hire) throws: a clash on the unique email as "cannot be used",
 * and any refusal of the address audited on its own, the transaction being rolled back.
 */
export async function refusedAddress(
  db: Database,
  ctx: Ctx,
  error: unknown,
  attempt: { via: "invitation" | "new_hire"; email: string },
): Promise<unknown> {
  const thrown = emailClash(error) ?? error;
  const reason = addressRefusalOf(thrown);
  if (reason) await recordAddressRefusal(db, ctx, { reason, ...attempt });
  return thrown;
}

/** A new invitation link for a person of the caller's company who has not chosen a password yet; older links stop working. */
export async function resendInvitation(
  db: Database,
  ctx: Ctx,
  input: { userId: string; operationId: string },
): Promise<Committed<{ email: string }>> {
  assertCan(ctx, "people.invite");
  const mail: OutgoingMail[] = [];
  const result = await db.transaction(async (tx) => {
    const { result } = await once(tx, ctx, { key: input.operationId, kind: "person.resendInvitation" }, async () => {
      const [person] = await tx
        .select({ id: users.id, name: users.name, email: users.email, passwordHash: users.passwordHash })
        .from(users)
        .where(and(eq(users.id, input.userId), eq(users.companyId, ctx.companyId), isNull(users.deactivatedAt)))
        .for("update");
      if (!person) throw notFound();
      if (person.passwordHash) throw new AppError("accounts.errors.notPending", { name: person.name });
      mail.push((await reissueInvitation(tx, { userId: person.id, inviterId: ctx.userId })).mail);
      await recordAudit(tx, ctx, { action: "person.invitation_resent", targetType: "user", targetId: person.id });
      return { email: person.email };
    });
    return result;
  });
  return { result, mail };
}

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

async function issueResetLink(db: Database, email: string): Promise<OutgoingMail[]> {
  const [person] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.email, email), isNull(users.deactivatedAt)));
  if (!person) return [];
  return db.transaction(async (tx) => {
    // Taken in turn per person, so simultaneous requests cannot all pass the count.
    await tx.select({ id: users.id }).from(users).where(eq(users.id, person.id)).for("update");
    const recent = await tx.$count(
      accountTokens,
      and(
        eq(accountTokens.userId, person.id),
        eq(accountTokens.purpose, "password_reset"),
        gt(accountTokens.createdAt, sql`now() - interval '1 hour'`),
      ),
    );
    if (recent >= RESET_LINKS_PER_HOUR) return [];
    const issued = await issueToken(tx, { userId: person.id, purpose: "password_reset", createdBy: null });
    return [await composeLinkMail(tx, { userId: person.id, kind: "passwordReset", issued })];
  });
}

/**
 * Choosing a password with a mailed link (invitation or reset). Each try counts against the client's
 * address (PASSWORD_LINK_TRIES_PER_HOUR), and the link is looked up before the password is hashed, so
 * guessing links costs the server nothing. Then, in one transaction: the link is spent, the password
 * set, every other open link of the person ends (of both purposes: either would choose a password
 * again), their sessions end and their sign-in failures are cleared. Answers the email, for the
 * sign-in form that follows.
 */
export async function setPasswordWithToken(db: Database, input: SetPasswordInput, address: string | null): Promise<{ email: string }> {
  const retryAt = await countPasswordLinkTry(db, address);
  if (retryAt) throw new AppError("accounts.errors.linkTriesExceeded", { minutes: minutesUntil(retryAt) });
  const { state } = await inspectToken(db, input.token);
  if (state !== "valid") throw new AppError(linkErrorCode(state));
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const { userId, purpose } = await consumeToken(tx, input.token);
    const [person] = await tx
      .update(users)
      .set({ passwordHash })
      .where(eq(users.id, userId))
      .returning({ email: users.email, companyId: users.companyId, roles: users.roles });
    await expireOpenTokens(tx, userId, "all");
    await revokeUserSessions(tx, userId);
    await clearAccountFailures(tx, [person!.email]);
    const ctx = { userId, companyId: person!.companyId, roles: person!.roles };
    await recordAudit(tx, ctx, { action: "account.password_set", targetType: "user", targetId: userId, details: { purpose } });
    return { email: person!.email };
  });
}

/**
 * A signed-in person changes their password; the current one is asked for first. Every open link
 * and every session of the person ends, copies of this browser's cookie included; this browser goes
 * on with the new session answered here (`sessionId`, null when the operation was a replay), which
 * the action puts in its token. A resubmitted form (same operation id) answers the first result.
 */
export async function changePassword(db: Database, ctx: Ctx, input: ChangePasswordInput): Promise<{ sessionId: string | null }> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const { replayed } = await once(tx, ctx, { key: input.operationId, kind: "account.changePassword" }, async () => {
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
      await tx.update(users).set({ passwordHash }).where(eq(users.id, ctx.userId));
      await expireOpenTokens(tx, ctx.userId, "all");
      const sessionsEnded = await revokeUserSessions(tx, ctx.userId);
      await recordAudit(tx, ctx, { action: "account.password_changed", targetType: "user", targetId: ctx.userId, details: { sessionsEnded } });
      return null;
    });
    return { sessionId: replayed ? null : await createSession(tx, ctx.userId) };
  });
}

/** "Sign out everywhere" on the profile: every session of the person ends, this one included. Answers how many were open. */
export async function signOutEverywhere(db: Database, ctx: Ctx): Promise<{ sessionsEnded: number }> {
  return db.transaction(async (tx) => {
    const sessionsEnded = await revokeUserSessions(tx, ctx.userId);
    await recordAudit(tx, ctx, { action: "account.signed_out_everywhere", targetType: "user", targetId: ctx.userId, details: { sessionsEnded } });
    return { sessionsEnded };
  });
}
