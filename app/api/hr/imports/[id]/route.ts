import { z } from "zod";
import { companyDb } from "@/db/client";
import { errorResponse, hrViewer, json } from "@/lib/hr/import/http";
import { readImportJob } from "@/lib/hr/import/queries";

export const dynamic = "force-dynamic";

/** One import job of the caller's company, as the page polls it while it runs. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const viewer = await hrViewer(request);
  if (viewer instanceof Response) return viewer;
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) return json({ error: { code: "not_found" } }, 404);
  try {
    return json({ job: await readImportJob(companyDb(viewer), viewer, id.data) });
  } catch (error) {
    return errorResponse(error, request, "read");
  }
}
