import { getDb } from "@/db/client";
import { afterCommit } from "@/lib/actions/after-commit";
import { groupChatRoute } from "@/lib/chat/group-route";
import { markRead } from "@/lib/chat/operations/mark-read";

export const dynamic = "force-dynamic";

/**
 * Marks the group's chat read up to now for the caller, as the chat page does while it is read
 * (`useReadMark`). A route rather than a server action: the page's last mark goes out as it is left
 * or reloaded, with `keepalive`, which outlives the page where an action's request does not.
 * Body: `{ "operationId": "<uuid>" }`.
 */
export const POST = groupChatRoute("chat read", async (request, viewer, groupId) => {
  const body: unknown = await request.json().catch(() => null);
  // The kernel checks it: anything but a uuid is refused as invalid input, naming the field.
  const operationId =
    typeof body === "object" && body !== null && "operationId" in body && typeof body.operationId === "string" ? body.operationId : "";
  afterCommit(await markRead(getDb(), viewer, { groupId, operationId }));
  return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
});
