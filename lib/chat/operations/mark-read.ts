import "server-only";
import { sql } from "drizzle-orm";
import { defineOperation } from "@/lib/operations/kernel";
import { type ChatReadData, realtimeEvents, userChannel } from "@/lib/realtime/channels";
import { assertCanReadChat } from "../queries";
import { groupIdOperationSchema } from "../schemas";

/**
 * Marks the chat read up to `now` for the caller (the unread marker and counts start after it); an
 * earlier moment arriving late moves nothing back.
 */
export const markRead = defineOperation({
  kind: "chat.markRead",
  permission: "chat.write",
  input: groupIdOperationSchema,
  locks: (tx, ctx, input) => assertCanReadChat(tx, ctx, input.groupId),
  run: async ({ tx, ctx, input, now }) => {
    await tx.execute(
      sql`insert into group_reads (user_id, group_id, company_id, last_read_at)
          values (${ctx.userId}, ${input.groupId}, ${ctx.companyId}, ${now})
          on conflict (user_id, group_id) do update set last_read_at = greatest(group_reads.last_read_at, excluded.last_read_at)`,
    );
    const read: ChatReadData = { groupId: input.groupId, lastReadAt: now.toISOString() };
    // The person's bell, in this tab and any other, empties the group's line: one event, to them alone.
    return {
      result: { lastReadAt: read.lastReadAt },
      events: [{ channels: [userChannel(ctx.userId)], event: realtimeEvents.chatRead, data: read }],
    };
  },
});
