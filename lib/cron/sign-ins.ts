import "server-only";
import { type Database, getDb } from "@/db/client";
import { deleteStaleThrottles } from "@/lib/auth/throttle";
import { currentTime } from "@/base/clock";
import { log } from "@/base/log";
import { cleanUpSignIns } from "./operations/clean-up-sign-ins";
import { isCronRequest } from "./secret";
import { forEachCompany, runId } from "./system";

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
