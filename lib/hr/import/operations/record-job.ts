import { z } from "zod";
import { importJobs } from "@/db/schema";
import { defineOperation } from "@/lib/operations/kernel";
import { storableString } from "@/lib/text";
import { IMPORT_FILE_NAME_MAX, importStep, jobCount } from "../job";

/** Upload: the job, `validating`, with what the file is. */
export const recordJob = defineOperation({
  ...importStep,
  kind: "hr.import_upload",
  input: z.object({
    fileName: storableString().max(IMPORT_FILE_NAME_MAX),
    /** The file's SHA-256, in hex. */
    fileHash: z.string().regex(/^[0-9a-f]{64}$/),
    totalRows: jobCount,
    operationId: z.uuid(),
  }),
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
