import { createHash } from "node:crypto";
import type { Database } from "@/db/client";
import type { ImportJob } from "@/db/schema";
import type { Ctx } from "@/lib/auth/viewer";
import { asHrActor } from "@/lib/hr/actor";
import { lenientText } from "@/lib/text";
import { checkRows } from "./check";
import { parseImportCsv, readImportCsv } from "./csv";
import { IMPORT_FILE_NAME_MAX, stepId } from "./job";
import { markReady } from "./operations/mark-ready";
import { recordFailure } from "./operations/mark-failed";
import { recordJob } from "./operations/record-job";
import { stageRows } from "./operations/stage-rows";
import { jobOf } from "./queries";
import type { ResolvedRow } from "./validate";

/** Rows per staging transaction: each commits with the job's progress, which the page shows moving. */
export const STAGE_CHUNK_ROWS = 1_000;

export type StartedImport = { job: ImportJob; run: () => Promise<void> };

/**
 * Takes an uploaded file: reads it and records the job (status `validating`), answering at once;
 * `run` (called after the response) validates every row and stages the valid file in chunks.
 */
export async function startImport(
  db: Database,
  ctx: Ctx,
  input: { fileName: string } & ({ text: string } | { body: AsyncIterable<Uint8Array> }),
  options: { onChunk?: (staged: number) => Promise<void> | void } = {},
): Promise<StartedImport> {
  asHrActor(ctx);
  // An upload is read as it arrives (and stops at the limits); a text in memory is read at once.
  const parsed =
    "body" in input
      ? await readImportCsv(input.body)
      : { ...parseImportCsv(input.text), hash: createHash("sha256").update(input.text).digest("hex") };
  const { result } = await recordJob(db, ctx, {
    fileName: lenientText(input.fileName, IMPORT_FILE_NAME_MAX) || "import.csv",
    fileHash: parsed.hash,
    totalRows: parsed.rows.length,
    ...stepId(),
  });
  const job = await jobOf(db, ctx, result.jobId);
  const run = async () => {
    try {
      const resolved = await checkRows(db, ctx, job.id, parsed.rows, parsed.problems);
      if (resolved) await stage(db, ctx, job.id, resolved, options.onChunk);
    } catch (error) {
      await recordFailure(db, ctx, job.id, error);
      throw error;
    }
  };
  return { job, run };
}

/** The valid rows staged chunk by chunk, each chunk's transaction moving the job's progress; then the preview. */
async function stage(
  db: Database,
  ctx: Ctx,
  jobId: string,
  resolved: readonly ResolvedRow[],
  onChunk?: (staged: number) => Promise<void> | void,
): Promise<void> {
  for (let start = 0; start < resolved.length; start += STAGE_CHUNK_ROWS) {
    const chunk = resolved.slice(start, start + STAGE_CHUNK_ROWS);
    await stageRows(db, ctx, { jobId, rows: chunk, stagedRows: start + chunk.length, ...stepId() });
    await onChunk?.(start + chunk.length);
  }
  await markReady(db, ctx, { jobId, ...stepId() });
}
