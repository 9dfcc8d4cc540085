import "server-only";
import { type Database, getDb } from "@/db/client";
import { currentTime } from "@/base/clock";
import { log } from "@/base/log";
import { rollupCompany } from "./operations/rollup-company";
import { isCronRequest } from "./secret";
import { forEachCompany, runId } from "./system";

/**
 * The scheduler's daily rollup, as the system actor, once an hour at most per company: the platform
 * cron (or the dev timer, hourly) may call it as often as it likes.
 */
export async function handleRollupCron(request: Request, db: Database = getDb(), now: Date = currentTime()): Promise<Response> {
  if (!isCronRequest(request)) return new Response(null, { status: 401 });
  const results = await forEachCompany(db, "rollup", rollupCompany, { operationId: runId("rollup", now, "hour") }, now);
  const written = results.reduce((sum, result) => sum + result.written, 0);
  const drifted = {
    copies: results.reduce((sum, result) => sum + result.drifted.copies, 0),
    groups: results.reduce((sum, result) => sum + result.drifted.groups, 0),
    assignments: results.reduce((sum, result) => sum + result.drifted.assignments, 0),
  };
  log.info("daily rollup", { written });
  // A maintained figure that needed repair is a bug in what maintains it: loud, with the numbers.
  if (Object.values(drifted).some((n) => n > 0)) log.error("group figures had drifted and were repaired", drifted);
  return Response.json({ written, drifted });
}
