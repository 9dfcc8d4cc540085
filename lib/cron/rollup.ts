import { type Database, getDb } from "@/db/client";
import { log } from "@/lib/log";
import { CATCH_UP_DAYS, rollupDay } from "@/lib/statistics/rollup";
import { isCronRequest } from "./secret";

/**
 * The scheduler's daily rollup: yesterday for every group, and the days of the last week a missed
 * run left without rows. Idempotent, so the platform cron (or the dev timer, hourly) may call it as
 * often as it likes.
 */
export async function handleRollupCron(request: Request, db: Database = getDb(), now: Date = new Date()): Promise<Response> {
  if (!isCronRequest(request)) return new Response(null, { status: 401 });
  const { written } = await rollupDay(db, { now, catchUpDays: CATCH_UP_DAYS });
  log.info("daily rollup", { written });
  return Response.json({ written });
}
