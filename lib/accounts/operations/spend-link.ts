import "server-only";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { revokeUserSessions } from "@/lib/auth/sessions";
import { clearAccountFailures, countPasswordLinkTry, minutesUntil } from "@/lib/auth/throttle";
import { AppError } from "@/lib/errors";
import { defineOperation } from "@/lib/operations/kernel";
import type { SetPasswordInput } from "@/lib/accounts/schemas";
import { consumeToken, expireOpenTokens, linkErrorCode, readToken } from "@/lib/account-links/tokens";

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
