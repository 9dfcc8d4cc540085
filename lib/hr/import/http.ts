import "server-only";
import { getViewer } from "@/lib/auth/current-user";
import type { Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { can } from "@/lib/permissions";

const statusOf: Partial<Record<string, number>> = {
  not_found: 404,
  forbidden: 404,
  import_too_large: 413,
  import_not_ready: 409,
};

/** JSON the import page reads: errors as the code and values it translates, as a server action's. */
export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}

export function errorResponse(error: unknown, where: string): Response {
  if (error instanceof AppError) return json({ error: { code: error.code, values: error.values } }, statusOf[error.code] ?? 400);
  const requestId = crypto.randomUUID();
  log.error("hr import request failed", { requestId, where, error });
  return json({ error: { code: "unexpected", requestId } }, 500);
}

/**
 * The signed-in person who may use the HR area, or the same 404 as for a route that does not exist
 * (as the other session-authenticated routes answer).
 */
export async function hrViewer(): Promise<Viewer | Response> {
  let viewer: Viewer | null;
  try {
    viewer = await getViewer();
  } catch (error) {
    // A database failure while reading the session answers as any other failure: logged, with an id.
    return errorResponse(error, "viewer");
  }
  if (!viewer || !can(viewer, "hr.forms")) return json({ error: { code: "not_found" } }, 404);
  return viewer;
}
