import { after } from "next/server";
import { z } from "zod";
import { companyDb } from "@/db/client";
import { errorResponse, hrViewer, json } from "@/lib/hr/import/http";
import { applyImport, confirmImport } from "@/lib/hr/import/confirm";
import { readImportJob } from "@/lib/hr/import/queries";
import { AppError } from "@/lib/errors";
import { log } from "@/base/log";
import { deliverOutboxSoon } from "@/lib/outbox/deliver";
import { deliver } from "@/lib/realtime/server";

export const dynamic = "force-dynamic";

/**
 * Confirm: claims the ready job (a second Confirm gets 409) and answers 202; the final transaction
 * runs after the response, then its realtime events are published. The page polls for `done` or `failed`.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const viewer = await hrViewer(request);
  if (viewer instanceof Response) return viewer;
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) return json({ error: { code: "not_found" } }, 404);
  try {
    await confirmImport(companyDb(viewer), viewer, id.data);
    after(async () => {
      try {
        const committed = await applyImport(companyDb(viewer), viewer, id.data);
        await deliver(committed);
        if (committed.outbox) await deliverOutboxSoon();
      } catch (error) {
        // The job records why it failed (and that nothing changed); the page shows it.
        if (!(error instanceof AppError)) log.error("hr import failed", { jobId: id.data, error });
      }
    });
    return json({ job: await readImportJob(companyDb(viewer), viewer, id.data) }, 202);
  } catch (error) {
    return errorResponse(error, request, "confirm");
  }
}
