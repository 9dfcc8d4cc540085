import "server-only";
import { sql } from "drizzle-orm";
import { defineOperation } from "@/lib/operations/kernel";
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
    return { result: { lastReadAt: now.toISOString() } };
  },
});
