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
  log.info("daily rollup", { written });
  return Response.json({ written });
}
