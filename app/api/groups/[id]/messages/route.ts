import { companyDb } from "@/db/client";
import { readTogether } from "@/db/company";
import { groupChatRoute } from "@/lib/chat/group-route";
import { messagesSince } from "@/lib/chat/queries";
import { messagesSinceQuerySchema } from "@/lib/chat/schemas";
import { requireGroupAccess } from "@/lib/group-access/access";
import { InvalidInputError } from "@/lib/errors";

export const dynamic = "force-dynamic";

/**
 * What a group's chat changed above `?after=<seq>`: the chat page's resync after a drop, a move to a
 * new epoch or a gap. A GET rather than a server action: the browser runs a page's server actions
 * one at a time, so a resync would wait behind a post in flight, and a route costs the server a
 * fraction of an action's request (bench/README.md, "chat.resync").
 */
export const GET = groupChatRoute("chat resync", async (request, viewer, groupId) => {
  const query = messagesSinceQuerySchema.safeParse({ groupId, after: new URL(request.url).searchParams.get("after") });
  if (!query.success) throw new InvalidInputError(query.error);
  const { groupId: id, after } = query.data;
  const data = await readTogether(companyDb(viewer), async (tx) =>
    messagesSince(tx, viewer, await requireGroupAccess(tx, viewer, id), after),
  );
  return Response.json({ data }, { headers: { "Cache-Control": "no-store" } });
});
