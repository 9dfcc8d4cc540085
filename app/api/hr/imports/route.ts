import { after } from "next/server";
import { getDb } from "@/db/client";
import { IMPORT_MAX_BYTES } from "@/lib/hr/import/csv";
import { errorResponse, hrViewer, json } from "@/lib/hr/import/http";
import { readImportJob, startImport } from "@/lib/hr/import/service";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";

export const dynamic = "force-dynamic";

/** The multipart envelope around the file: its boundaries and part headers. */
const ENVELOPE_BYTES = 64 * 1024;

async function readFile(request: Request): Promise<{ fileName: string; text: string }> {
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > IMPORT_MAX_BYTES + ENVELOPE_BYTES) throw new AppError("import_too_large", { max: IMPORT_MAX_BYTES / 1024 / 1024 });
  const type = request.headers.get("content-type") ?? "";
  if (type.startsWith("multipart/form-data")) {
    const file = (await request.formData()).get("file");
    if (!(file instanceof File)) throw new AppError("import_empty");
    if (file.size > IMPORT_MAX_BYTES) throw new AppError("import_too_large", { max: IMPORT_MAX_BYTES / 1024 / 1024 });
    return { fileName: file.name, text: await file.text() };
  }
  const fileName = new URL(request.url).searchParams.get("name") ?? "import.csv";
  return { fileName, text: await request.text() };
}

/**
 * Upload of an HR import (multipart with a `file` part, or the CSV itself as a `text/csv` body):
 * answers 202 with the job at once; validation and staging run after the response, and the page
 * polls `GET /api/hr/imports/<id>` for the progress.
 */
export async function POST(request: Request) {
  const viewer = await hrViewer();
  if (viewer instanceof Response) return viewer;
  try {
    const file = await readFile(request);
    const started = await startImport(getDb(), viewer, file);
    after(() =>
      started.run().catch((error: unknown) => log.error("hr import staging failed", { jobId: started.job.id, error })),
    );
    return json({ job: await readImportJob(getDb(), viewer, started.job.id) }, 202);
  } catch (error) {
    return errorResponse(error, "upload");
  }
}
