import "server-only";
import { randomUUID } from "node:crypto";
import { type Database, getDb } from "@/db/client";
import { currentTime } from "@/base/clock";
import { log } from "@/base/log";
import { systemCtx } from "@/lib/auth/viewer";
import { companiesWithStalledImports } from "@/lib/hr/import/queries";
import { failStalledImports } from "./operations/fail-stalled-imports";
import { isCronRequest } from "./secret";

/**
 * Settles the HR imports a restart cut off, as the system actor: one operation per company that has
 * one (a company without any costs no operation row). Each run is an operation of its own (a fresh
 * id), as a reminders batch is: the statement is idempotent in itself, and a deterministic id would
 * only make a second run within the period answer with the first one's count.
 */
export async function settleStalledImports(db: Database, now: Date): Promise<{ failed: number }> {
  let failed = 0;
  for (const companyId of await companiesWithStalledImports(db, now)) {
    const { result } = await failStalledImports(db, systemCtx(companyId, "imports"), { operationId: randomUUID() }, { now });
    failed += result.failed;
  }
  return { failed };
}

/**
 * The scheduler's settling of stalled HR imports. Safe to call as often as the platform cron likes
 * (every few minutes; the dev timer calls it every minute): a job is failed once, a live one is left alone.
 */
export async function handleImportsCron(request: Request, db: Database = getDb(), now: Date = currentTime()): Promise<Response> {
  if (!isCronRequest(request)) return new Response(null, { status: 401 });
  const settled = await settleStalledImports(db, now);
  log.info("stalled imports settled", settled);
  return Response.json(settled);
}
