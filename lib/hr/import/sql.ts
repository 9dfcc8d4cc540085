import "server-only";
import { sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import { stalledBefore } from "./progress";

/**
 * Marks a company's jobs that a server restart left half-way as failed, so the page stops waiting
 * for them; returns how many. Nothing of theirs was applied: the final transaction died with the
 * process. A running final transaction holds its job's row lock and is skipped; staging moves
 * `updated_at` each chunk. Run by the scheduler (`lib/cron/operations/fail-stalled-imports.ts`):
 * one statement, and a second run finds nothing left to mark.
 */
export async function failStalledJobs(tx: DatabaseOrTransaction, companyId: string, now: Date): Promise<number> {
  const failure = JSON.stringify({ code: "import_interrupted", values: {} });
  const failed = await queryRows<{ id: string }>(
    tx,
    sql`update import_jobs set status = 'failed', error = ${failure}, updated_at = ${now}, finished_at = ${now}
        where id in (
          select id from import_jobs
          where company_id = ${companyId} and status in ('validating', 'staging', 'applying')
            and updated_at < ${stalledBefore(now)}
          for update skip locked)
        returning id`,
  );
  return failed.length;
}
