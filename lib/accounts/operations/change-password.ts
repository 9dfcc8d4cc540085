import "server-only";
import { and, eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { verifyPassword, hashPassword } from "@/lib/auth/password";
import { openSession, revokeUserSessions } from "@/lib/auth/sessions";
import { AppError, notFound } from "@/lib/errors";
import { defineOperation } from "@/lib/operations/kernel";
import { changePasswordSchema } from "@/lib/accounts/schemas";
import { expireOpenTokens } from "@/lib/account-links/tokens";

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
    return { result: { sessionId: await openSession(tx, ctx.userId) } };
  },
});
