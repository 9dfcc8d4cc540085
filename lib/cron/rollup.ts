import { z } from "zod";
import { type Database, getDb } from "@/db/client";
import { currentTime } from "@/base/clock";
import { log } from "@/base/log";
import { defineOperation } from "@/lib/operations/kernel";
import { CATCH_UP_DAYS, rollupDay } from "@/lib/statistics/rollup";
import { isCronRequest } from "./secret";
import { forEachCompany, runId } from "./system";

/**
 * One company's daily figures: its yesterday for every group, and the days of the last week a missed
 * run left without rows, as of the operation's `now`. Idempotent in itself too (rows are overwritten).
 */
export const rollupCompany = defineOperation({
  kind: "system.rollup",
  permission: "system.rollup",
  input: z.object({ operationId: z.string().min(1) }),
  run: async ({ tx, ctx, now }) => ({ result: await rollupDay(tx, { now, catchUpDays: CATCH_UP_DAYS }, { companyId: ctx.companyId }) }),
});

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
