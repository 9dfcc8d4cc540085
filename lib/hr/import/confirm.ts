import type { Database } from "@/db/client";
import type { Ctx } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import type { Committed } from "@/lib/operations/kernel";
import { stepId } from "./job";
import { applyJob } from "./operations/apply-job";
import { claimForApplying } from "./operations/claim-for-applying";
import { recordFailure } from "./operations/mark-failed";
import type { ImportSummary } from "./progress";

/** Confirm: the job claimed for applying, once (`claimForApplying`); the final transaction runs after the response. */
export async function confirmImport(db: Database, ctx: Ctx, jobId: string): Promise<void> {
  await claimForApplying(db, ctx, { jobId, ...stepId() });
}

/** Runs the final transaction of a claimed job; on failure the job is `failed` with the reason (unless it was not this run's to apply). */
export async function applyImport(db: Database, ctx: Ctx, jobId: string): Promise<Committed<ImportSummary>> {
  try {
    return await applyJob(db, ctx, { jobId, ...stepId() });
  } catch (error) {
    if (!(error instanceof AppError && (error.code === "import_not_ready" || error.code === "forbidden" || error.code === "not_found"))) {
      await recordFailure(db, ctx, jobId, error);
    }
    throw error;
  }
}
