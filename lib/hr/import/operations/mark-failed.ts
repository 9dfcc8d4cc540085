import { z } from "zod";
import type { Database } from "@/db/client";
import { importJobs } from "@/db/schema";
import type { Ctx } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { defineOperation } from "@/lib/operations/kernel";
import { storableString } from "@/lib/text";
import { importStep, jobStep, ofCompany, stepId } from "../job";

/** A step that failed: the job is `failed` with the reason the page shows, and nothing else changed. */
export const markFailed = defineOperation({
  ...importStep,
  kind: "hr.import_failed",
  // Kept as text in the job's row: an error's code and values, which may quote what the file said.
  input: jobStep.extend({ code: storableString(), values: z.record(storableString(), z.union([storableString(), z.number()])) }),
  run: async ({ tx, ctx, input, now }) => {
    await tx
      .update(importJobs)
      .set({ status: "failed", error: JSON.stringify({ code: input.code, values: input.values }), updatedAt: now, finishedAt: now })
      .where(ofCompany(ctx, input.jobId));
    return { result: null };
  },
});

const failureOf = (error: unknown) =>
  error instanceof AppError ? { code: error.code, values: error.values } : { code: "import_failed", values: {} };

/** Records why a step (staging, the final transaction) failed, as a step of its own. */
export async function recordFailure(db: Database, ctx: Ctx, jobId: string, error: unknown): Promise<void> {
  await markFailed(db, ctx, { jobId, ...failureOf(error), ...stepId() });
}
