import { after } from "next/server";
import { companyDb } from "@/db/client";
import { errorResponse, hrViewer, json } from "@/lib/hr/import/http";
import { readImportJob } from "@/lib/hr/import/queries";
import { startImport } from "@/lib/hr/import/staging";
import { readUpload } from "@/lib/hr/import/upload";
import { log } from "@/base/log";

export const dynamic = "force-dynamic";

/**
 * Upload of an HR import (multipart with a `file` part, or the CSV itself as a `text/csv` body):
 * answers 202 with the job at once; validation and staging run after the response, and the page
 * polls `GET /api/hr/imports/<id>` for the progress.
 */
export async function POST(request: Request) {
  const viewer = await hrViewer(request);
  if (viewer instanceof Response) return viewer;
  try {
    const file = await readUpload(request);
    const started = await startImport(companyDb(viewer), viewer, file);
    after(() => started.run().catch((error: unknown) => log.error("hr import staging failed", { jobId: started.job.id, error })));
    return json({ job: await readImportJob(companyDb(viewer), viewer, started.job.id) }, 202);
  } catch (error) {
    return errorResponse(error, request, "upload");
  }
}
