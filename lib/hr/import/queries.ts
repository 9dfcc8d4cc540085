import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { type Database, type DatabaseOrTransaction, queryRows } from "@/db/client";
import { type ImportJob, importJobs } from "@/db/schema";
import type { Ctx } from "@/lib/auth/viewer";
import { currentTime } from "@/base/clock";
import { notFound } from "@/lib/errors";
import { assertCan } from "@/lib/permissions";
import { type ImportJobView, type ImportSummary, isStalled, RUNNING_STATUSES, stalledBefore } from "./progress";

/** One job of the caller's company, whole; another company's is not found. */
export const jobOf = async (db: DatabaseOrTransaction, ctx: Ctx, jobId: string) => {
  const [job] = await db
    .select()
    .from(importJobs)
    .where(and(eq(importJobs.id, jobId), eq(importJobs.companyId, ctx.companyId)));
  if (!job) throw notFound();
  return job;
};

const view = (job: ImportJob, sameFileImportedAt: Date | null, now: Date): ImportJobView => ({
  id: job.id,
  fileName: job.fileName,
  status: job.status,
  totalRows: job.totalRows,
  stagedRows: job.stagedRows,
  problems: job.problems,
  problemCount: job.problemCount,
  createdAt: job.createdAt,
  finishedAt: job.finishedAt,
  summary: (job.summary as ImportSummary | null) ?? null,
  error: job.error ? (JSON.parse(job.error) as ImportJobView["error"]) : null,
  sameFileImportedAt,
  stalled: isStalled(job, now),
});

/**
 * One job of the caller's company, as the page polls it (every 250 ms while it runs). A read only: a
 * job a restart cut off reads as `stalled` as of `now`; the scheduler marks it failed
 * (`failStalledImports`), never this read.
 */
export async function readImportJob(db: Database, ctx: Ctx, jobId: string, now: Date = currentTime()): Promise<ImportJobView> {
  assertCan(ctx, "hr.forms");
  const job = await jobOf(db, ctx, jobId);
  const [previous] = await db
    .select({ finishedAt: importJobs.finishedAt })
    .from(importJobs)
    .where(
      and(
        eq(importJobs.companyId, ctx.companyId),
        eq(importJobs.fileHash, job.fileHash),
        eq(importJobs.status, "done"),
        sql`${importJobs.id} <> ${job.id}`,
        sql`${importJobs.createdAt} < ${job.createdAt}`,
      ),
    )
    .orderBy(desc(importJobs.finishedAt))
    .limit(1);
  return view(job, previous?.finishedAt ?? null, now);
}

/** The company's most recent imports, newest first; stalled ones read as such, as in `readImportJob`. */
export async function listImportJobs(db: Database, ctx: Ctx, limit = 20, now: Date = currentTime()): Promise<ImportJobView[]> {
  assertCan(ctx, "hr.forms");
  const jobs = await db
    .select()
    .from(importJobs)
    .where(eq(importJobs.companyId, ctx.companyId))
    .orderBy(desc(importJobs.createdAt))
    .limit(limit);
  return jobs.map((job) => view(job, null, now));
}

/** The companies with a stalled job, for the scheduler (every company's, as the system reads them). */
export async function companiesWithStalledImports(db: Database, now: Date): Promise<string[]> {
  // Across companies: the scheduler's lookup of migration 0021.
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select id from scheduler_stalled_import_companies(${`{${RUNNING_STATUSES.join(",")}}`}::import_job_status[], ${stalledBefore(now)}) as id`,
  );
  return rows.map((row) => row.id);
}
