import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { type Database, type DatabaseOrTransaction, queryRows } from "@/db/client";
import { withCompany } from "@/db/company";
import { accountTokens, users } from "@/db/schema";
import type { OutgoingMail } from "@/lib/mail/send";
import { type Committed, defineOperation } from "@/lib/operations/kernel";
import { composeLinkMail } from "@/lib/account-links/mail";
import { issueToken } from "@/lib/account-links/tokens";

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
  // The asker is signed out: the address's company comes from the lookup of migration 0021.
  const [account] = await queryRows<{ userId: string; companyId: string }>(
    db,
    sql`select user_id as "userId", company_id as "companyId" from auth_sign_in_account(${email}) where active`,
  );
  if (!account) return [];
  const company = withCompany(db, account.companyId);
  const [person] = await company
    .select({ userId: users.id, companyId: users.companyId, roles: users.roles })
    .from(users)
    .where(and(eq(users.id, account.userId), isNull(users.deactivatedAt)));
  if (!person) return [];
  // Past the hour's links a request writes nothing (no operation either): a flood costs one read each.
  if ((await recentResetLinks(company, person.userId)) >= RESET_LINKS_PER_HOUR) return [];
  const { mail } = await sendResetLink(company, person, { operationId: randomUUID() });
  return mail ?? [];
}
