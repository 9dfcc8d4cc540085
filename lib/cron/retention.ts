import "server-only";
import { type Database, getDb } from "@/db/client";
import { currentTime } from "@/base/clock";
import { log } from "@/base/log";
import { RETENTION_BATCH } from "@/lib/notifications/retention";
import { pruneNotifications } from "./operations/prune-notifications";
import { isCronRequest } from "./secret";
import { forEachCompany, runId } from "./system";

/**
 * The scheduler's daily retention: read notifications older than 180 days go, a batch per company
 * per round (each its own short transaction, named `retention:<day>:<round>`, so a repeated call the
 * same day replays the rounds it finds done), until every company has fewer left than a batch.
 */
export async function handleRetentionCron(request: Request, db: Database = getDb(), now: Date = currentTime()): Promise<Response> {
  if (!isCronRequest(request)) return new Response(null, { status: 401 });
  let deleted = 0;
  for (let round = 0; ; round++) {
    const operationId = `${runId("retention", now, "day")}:${round}`;
    const results = await forEachCompany(db, "retention", pruneNotifications, { operationId }, now);
    deleted += results.reduce((sum, result) => sum + result.deleted, 0);
    if (results.every((result) => result.deleted < RETENTION_BATCH)) break;
  }
  log.info("notifications pruned", { deleted });
  return Response.json({ deleted });
}
