import { getDb } from "@/db/client";
import { afterCommit } from "@/lib/actions/after-commit";
import { getViewer } from "@/lib/auth/current-user";
import { markRead } from "@/lib/chat/operations/mark-read";
import { AppError } from "@/lib/errors";
import { errorJson } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

/** A group nobody may read answers as one that does not exist. */
const statusOf = { not_found: 404, forbidden: 404, unauthenticated: 401 } as const;

/**
 * Marks the group's chat read up to now for the caller, as the chat page does while it is read
 * (`useReadMark`). A route rather than a server action: the page's last mark goes out as it is left
 * or reloaded, with `keepalive`, which outlives the page where an action's request does not.
 * Body: `{ "operationId": "<uuid>" }`.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const viewer = await getViewer();
    if (!viewer) throw new AppError("unauthenticated");
    const body: unknown = await request.json().catch(() => null);
    // The kernel checks it: anything but a uuid is refused as invalid input, naming the field.
    const operationId =
      typeof body === "object" && body !== null && "operationId" in body && typeof body.operationId === "string" ? body.operationId : "";
    const committed = await markRead(getDb(), viewer, { groupId: (await params).id, operationId });
    afterCommit(committed);
    return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorJson(error, request, "chat read", statusOf);
  }
}
