import { companyDb } from "@/db/client";
import { getViewer } from "@/lib/auth/current-user";
import { messagesSince } from "@/lib/chat/queries";
import { messagesSinceQuerySchema } from "@/lib/chat/schemas";
import { requireGroupAccess } from "@/lib/group-access/access";
import { AppError, InvalidInputError } from "@/lib/errors";
import { errorJson } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

/** A group nobody may read answers as one that does not exist. */
const statusOf = { not_found: 404, forbidden: 404, unauthenticated: 401 } as const;

/**
 * What a group's chat changed above `?after=<seq>`: the chat page's resync after a drop, a move to a
 * new epoch or a gap. A GET rather than a server action: the browser runs a page's server actions
 * one at a time, so a resync would wait behind a post in flight, and a route costs the server a
 * fraction of an action's request (bench/README.md, "chat.resync").
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const viewer = await getViewer();
    if (!viewer) throw new AppError("unauthenticated");
    const query = messagesSinceQuerySchema.safeParse({ groupId: (await params).id, after: new URL(request.url).searchParams.get("after") });
    if (!query.success) throw new InvalidInputError(query.error);
    const db = companyDb(viewer);
    const access = await requireGroupAccess(db, viewer, query.data.groupId);
    return Response.json({ data: await messagesSince(db, viewer, access, query.data.after) }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorJson(error, request, "chat resync", statusOf);
  }
}
