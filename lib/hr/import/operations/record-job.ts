import { z } from "zod";
import { importJobs } from "@/db/schema";
import { defineOperation } from "@/lib/operations/kernel";
import { importStep } from "../job";

/** Upload: the job, `validating`, with what the file is. */
export const recordJob = defineOperation({
  ...importStep,
  kind: "hr.import_upload",
  input: z.object({ fileName: z.string(), fileHash: z.string(), totalRows: z.int(), operationId: z.uuid() }),
  run: async ({ tx, ctx, input }) => {
    const [job] = await tx
      .insert(importJobs)
      .values({
        companyId: ctx.companyId,
        createdBy: ctx.userId,
        fileName: input.fileName,
        fileHash: input.fileHash,
        totalRows: input.totalRows,
      })
      .returning({ id: importJobs.id });
    return { result: { jobId: job!.id } };
  },
});
