import "server-only";
import { type Database, queryRows } from "@/db/client";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { type SystemJob, systemCtx } from "@/lib/auth/viewer";
import type { Committed, OperationCall } from "@/lib/operations/kernel";
import { storableString } from "@/lib/text";

/**
 * Runs a scheduler's job as the system actor (`systemCtx`), one kernel operation per company: the
 * kernel's records (operations, audit) are a company's. `operationId` names the run: a job called
 * again within the same period (the platform cron retrying, the dev timer's extra calls) replays
 * the stored result instead of doing the work twice.
 */
export async function forEachCompany<I extends { operationId: string }, T>(
  db: Database,
  job: SystemJob,
  operation: OperationCall<I, T>,
  input: I,
  now: Date,
): Promise<T[]> {
  // Across companies only the lookup of migration 0021 can list them; each run is then its company's.
  const companies = await queryRows<{ id: string }>(db, sql`select id from scheduler_companies() as id`);
  const results: T[] = [];
  for (const company of companies) {
    const { result }: Committed<T> = await operation(db, systemCtx(company.id, job), input, { now });
    results.push(result);
  }
  return results;
}

/** A run's name for a period: "rollup:2026-03-09T12" is the hour's rollup, "sign-ins:2026-03-09" the day's clean-up. */
export const runId = (job: SystemJob, now: Date, period: "hour" | "day") =>
  `${job}:${now.toISOString().slice(0, period === "hour" ? 13 : 10)}`;

/** A job's input: its run's name (`runId`) as the operation id, text the operations' unique index can hold. */
export const runInput = z.object({ operationId: storableString().min(1).max(64) });
