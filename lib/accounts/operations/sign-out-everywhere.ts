import { revokeUserSessions } from "@/lib/auth/sessions";
import { defineOperation } from "@/lib/operations/kernel";
import { signOutEverywhereSchema } from "@/lib/accounts/schemas";

/**
 * "Sign out everywhere" on the profile: every session of the person ends, this one included, and so
 * do their open realtime connections, which would otherwise go on hearing their channels until they
 * next reconnect (and are then refused). Answers how many sessions were open.
 */
export const signOutEverywhere = defineOperation({
  kind: "account.signOutEverywhere",
  permission: "account.manage",
  input: signOutEverywhereSchema,
  run: async ({ tx, ctx, audit }) => {
    const sessionsEnded = await revokeUserSessions(tx, ctx.userId);
    await audit({ action: "account.signed_out_everywhere", targetType: "user", targetId: ctx.userId, details: { sessionsEnded } });
    return { result: { sessionsEnded }, disconnectUsers: [ctx.userId] };
  },
});
