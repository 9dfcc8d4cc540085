import "server-only";
import { and, eq, gt, isNull, ne, sql } from "drizzle-orm";
import type { DatabaseOrTransaction } from "@/db/client";
import { accountTokens, users } from "@/db/schema";
import type { OutgoingMail } from "@/lib/mail/send";
import { composeLinkMail } from "./mail";
import { expireOpenTokens, issueToken } from "./tokens";

/** An invitation link just issued: the mail that carries it and the token's row (never the token itself). */
export type IssuedInvitation = { mail: OutgoingMail; tokenId: string };

/**
 * A fresh invitation link for a person who has not chosen a password, inside the caller's
 * transaction: their open invitation links stop working, a new one is issued and the invitation mail
 * composed with it (the raw token exists only in that mail). Shared by the admin's "Resend
 * invitation" and the invitations the outbox sends.
 */
export async function reissueInvitation(
  tx: DatabaseOrTransaction,
  input: { userId: string; inviterId: string | null },
): Promise<IssuedInvitation> {
  await expireOpenTokens(tx, input.userId, "invitation");
  const issued = await issueToken(tx, { userId: input.userId, purpose: "invitation", createdBy: input.inviterId });
  const mail = await composeLinkMail(tx, { userId: input.userId, kind: "invitation", issued, inviterId: input.inviterId ?? undefined });
  return { mail, tokenId: issued.id };
}

/** Why a queued invitation is not sent: the outbox drops it with this reason. */
export type InvitationSkipped = "password already set" | "person deactivated" | "invited again meanwhile";

/**
 * An invitation queued in the outbox (by the HR import), issued when it is sent so that the link
 * never sits in the database in plain text. Under the person's row lock, so a password being set at
 * the same moment is either seen here or set after this commits (and then expires this link).
 * Nothing is issued for a person who has chosen a password or been deactivated since, nor for one
 * who holds a valid unused invitation issued after the mail was queued (an admin's "Resend
 * invitation"), except `ownTokenId`: the link an earlier attempt of this same mail carried, which is
 * replaced. The inviter is left out of the link's record if they no longer exist.
 */
export async function issueQueuedInvitation(
  tx: DatabaseOrTransaction,
  input: { userId: string; inviterId: string | null; queuedAt: Date; ownTokenId: string | null },
): Promise<IssuedInvitation | { skipped: InvitationSkipped }> {
  const [person] = await tx
    .select({ passwordHash: users.passwordHash, deactivatedAt: users.deactivatedAt })
    .from(users)
    .where(eq(users.id, input.userId))
    // Waits for (and then sees) a password being set or a deactivation, without blocking the rows that reference the person.
    .for("no key update");
  if (!person || person.deactivatedAt) return { skipped: "person deactivated" };
  if (person.passwordHash) return { skipped: "password already set" };
  const [newer] = await tx
    .select({ id: accountTokens.id })
    .from(accountTokens)
    .where(
      and(
        eq(accountTokens.userId, input.userId),
        eq(accountTokens.purpose, "invitation"),
        isNull(accountTokens.usedAt),
        sql`${accountTokens.expiresAt} > now()`,
        gt(accountTokens.createdAt, input.queuedAt),
        input.ownTokenId ? ne(accountTokens.id, input.ownTokenId) : undefined,
      ),
    )
    .limit(1);
  if (newer) return { skipped: "invited again meanwhile" };
  const [inviter] = input.inviterId ? await tx.select({ id: users.id }).from(users).where(eq(users.id, input.inviterId)) : [];
  return reissueInvitation(tx, { userId: input.userId, inviterId: inviter?.id ?? null });
}
