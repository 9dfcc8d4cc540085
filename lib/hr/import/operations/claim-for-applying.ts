import "server-only";
import { and, eq } from "drizzle-orm";
import { importJobs } from "@/db/schema";
import { assertUnderRefusalLimit } from "@/lib/accounts/addresses";
import { AppError } from "@/lib/errors";
import { defineOperation } from "@/lib/operations/kernel";
import { importStep, jobStep } from "../job";
import { jobOf } from "../queries";

/**
 * Confirm: claims a `ready` job for applying (only once: a second Confirm finds it claimed), so the
 * page can answer at once; `applyImport` then runs after the response.
 */
export const claimForApplying = defineOperation({
  ...importStep,
  kind: "hr.import_confirm",
  input: jobStep,
  run: async ({ tx, ctx, input, now }) => {
    // Confirm is where an address of another company is refused: limited as invitations are.
    await assertUnderRefusalLimit(tx, ctx, now);
    const [claimed] = await tx
      .update(importJobs)
      .set({ status: "applying", updatedAt: now })
      .where(and(eq(importJobs.id, input.jobId), eq(importJobs.companyId, ctx.companyId), eq(importJobs.status, "ready")))
      .returning({ id: importJobs.id });
    if (!claimed) {
      await jobOf(tx, ctx, input.jobId);
      throw new AppError("import_not_ready");
    }
    return { result: null };
  },
});
