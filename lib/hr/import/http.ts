import "server-only";
import { getViewer } from "@/lib/auth/current-user";
import type { Viewer } from "@/lib/auth/viewer";
import { errorJson, type StatusOf } from "@/lib/http/errors";
import { can } from "@/lib/permissions";

const statusOf: StatusOf = {
  not_found: 404,
  forbidden: 404,
  import_too_large: 413,
  import_not_ready: 409,
};

/** JSON the import page reads: errors as the code and values it translates, as a server action's. */
export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}

/** An import step's error, through the one mapper (lib/http/errors.ts), under the request's own id. */
export const errorResponse = (error: unknown, request: Request, where: string): Response =>
  errorJson(error, request, `hr import ${where}`, statusOf);

/**
 * The signed-in person who may use the HR area, or the same 404 as for a route that does not exist
 * (as the other session-authenticated routes answer).
 */
export async function hrViewer(request: Request): Promise<Viewer | Response> {
  let viewer: Viewer | null;
  try {
    viewer = await getViewer();
  } catch (error) {
    // A database failure while reading the session answers as any other failure: logged, with an id.
    return errorResponse(error, request, "viewer");
  }
  if (!viewer || !can(viewer, "hr.forms")) return json({ error: { code: "not_found" } }, 404);
  return viewer;
}
