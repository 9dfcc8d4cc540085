import { importJobs } from "@/db/schema";
import { defineOperation } from "@/lib/operations/kernel";
import type { ImportProblem } from "../csv";
import { importStep, jobCount, jobStep, ofCompany, produced } from "../job";

/** Check: the file's problems and the rows', kept for the page; nothing is staged. */
export const markInvalid = defineOperation({
  ...importStep,
  kind: "hr.import_invalid",
  input: jobStep.extend({ problems: produced<ImportProblem[]>(), problemCount: jobCount }),
  run: async ({ tx, ctx, input, now }) => {
    await tx
      .update(importJobs)
      .set({ status: "invalid", problems: input.problems, problemCount: input.problemCount, updatedAt: now, finishedAt: now })
      .where(ofCompany(ctx, input.jobId));
    return { result: null };
  },
});
