import { z } from "zod";
import { type Database, getDb } from "@/db/client";
import { deleteEndedSessions } from "@/lib/auth/sessions";
import { deleteStaleAddresses, deleteStaleThrottles } from "@/lib/auth/throttle";
import { currentTime } from "@/base/clock";
import { log } from "@/base/log";
import { defineOperation } from "@/lib/operations/kernel";
import { isCronRequest } from "./secret";
import { forEachCompany, runId } from "./system";

/** One company's sign-in records that serve nothing any more: sessions that ended (expired or revoked), addresses no longer known. */
export const cleanUpSignIns = defineOperation({
  kind: "system.sign-ins",
  permission: "system.sign-ins",
  input: z.object({ operationId: z.string().min(1) }),
  run: async ({ tx, ctx }) => {
    const sessionsDeleted = await deleteEndedSessions(tx, ctx.companyId);
    await deleteStaleAddresses(tx, ctx.companyId);
    return { result: { sessionsDeleted } };
  },
});

/**
 * The scheduler's clean-up of sign-in records, as the system actor, once a day per company; then the
 * failure counters, which belong to no company. Nothing depends on it running on time (every read
 * checks expiry itself); it only keeps the tables small.
 */
export async function handleSignInsCron(request: Request, db: Database = getDb(), now: Date = currentTime()): Promise<Response> {
  if (!isCronRequest(request)) return new Response(null, { status: 401 });
  const results = await forEachCompany(db, "sign-ins", cleanUpSignIns, { operationId: runId("sign-ins", now, "day") }, now);
  await deleteStaleThrottles(db);
  const sessionsDeleted = results.reduce((sum, result) => sum + result.sessionsDeleted, 0);
  log.info("sign-in records cleaned", { sessionsDeleted });
  return Response.json({ sessionsDeleted });
}
