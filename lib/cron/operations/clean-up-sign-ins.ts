import { deleteEndedSessions } from "@/lib/auth/sessions";
import { deleteStaleAddresses } from "@/lib/auth/throttle";
import { runInput } from "@/lib/cron/system";
import { defineOperation } from "@/lib/operations/kernel";

/** One company's sign-in records that serve nothing any more: sessions that ended (expired or revoked), addresses no longer known. */
export const cleanUpSignIns = defineOperation({
  kind: "system.sign-ins",
  permission: "system.sign-ins",
  input: runInput,
  run: async ({ tx, ctx }) => {
    const sessionsDeleted = await deleteEndedSessions(tx, ctx.companyId);
    await deleteStaleAddresses(tx, ctx.companyId);
    return { result: { sessionsDeleted } };
  },
});
