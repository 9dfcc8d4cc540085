import "server-only";
import { getViewer } from "@/lib/auth/current-user";
import type { Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { errorJson } from "@/lib/http/errors";

/** A group nobody may read answers as one that does not exist; a signed-out caller 401. */
const statusOf = { not_found: 404, forbidden: 404, unauthenticated: 401 } as const;

type GroupParams = { params: Promise<{ id: string }> };

/**
 * A route of one group's chat (`app/api/groups/[id]/…`) as the chat page calls it: the signed-in
 * caller and the group id from the path, every failure answered by the one mapper
 * (lib/http/errors.ts) in the shape the page reads as an action's error.
 */
export function groupChatRoute(where: string, handle: (request: Request, viewer: Viewer, groupId: string) => Promise<Response>) {
  return async (request: Request, { params }: GroupParams): Promise<Response> => {
    try {
      const viewer = await getViewer();
      if (!viewer) throw new AppError("unauthenticated");
      return await handle(request, viewer, (await params).id);
    } catch (error) {
      return errorJson(error, request, where, statusOf);
    }
  };
}
