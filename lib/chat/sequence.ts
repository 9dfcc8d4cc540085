import "server-only";
import { type SQL, sql } from "drizzle-orm";
import type { Ctx } from "@/lib/auth/viewer";

/**
 * Takes the group's next chat sequence number, as the common table `next (seq)` of the statement
 * that writes the message (`writeMessage`). The row stays locked until commit, so numbers become
 * visible in order: a reader never sees seq n + 1 while n is still uncommitted.
 */
export const nextSeq = (ctx: Ctx, groupId: string, newMessageAt: Date | null): SQL =>
  sql`next as (
        insert into group_chat_state (group_id, company_id, last_seq, last_message_at)
        values (${groupId}, ${ctx.companyId}, 1, ${newMessageAt})
        on conflict (group_id) do update set
          last_seq = group_chat_state.last_seq + 1,
          last_message_at = greatest(group_chat_state.last_message_at, excluded.last_message_at)
        returning last_seq as seq)`;
