import "server-only";
import { sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import type { Ctx } from "@/lib/auth/viewer";
import { type GroupAccess, granted } from "@/lib/group-access/access";
import { MESSAGE_PAGE_SIZE } from "./queries";

/**
 * Most top-level messages a page opened at a linked message holds (a notification's, say): enough for
 * weeks of a busy group. A message further back opens the newest page, as the chat does.
 */
export const LINKED_PAGE_MAX = 500;

/** A message the chat opens at: the message, its thread (itself when it is top-level), and the page size that holds it. */
export type LinkedMessage = { messageId: string; threadId: string; limit: number };

/**
 * Where a link to a message of this group leads: its thread, and how many top-level messages from the
 * newest back to that thread (the page that shows it). Null for a message not of this group, or too
 * far back for one page (`LINKED_PAGE_MAX`).
 */
export async function findLinkedMessage(
  db: DatabaseOrTransaction,
  ctx: Ctx,
  access: GroupAccess,
  messageId: string,
): Promise<LinkedMessage | null> {
  const groupId = granted(ctx, access, "canRead").groupId;
  const [found] = await queryRows<{ threadId: string; position: number | string }>(
    db,
    sql`select top.id as "threadId",
               (select count(*) from group_messages t
                where t.group_id = ${groupId} and t.company_id = ${ctx.companyId} and t.reply_to_id is null
                      and (t.created_at, t.id) >= (top.created_at, top.id)) as position
        from group_messages m join group_messages top on top.id = coalesce(m.reply_to_id, m.id)
        where m.id = ${messageId} and m.group_id = ${groupId} and m.company_id = ${ctx.companyId}`,
  );
  if (!found || Number(found.position) > LINKED_PAGE_MAX) return null;
  return { messageId, threadId: found.threadId, limit: Math.max(MESSAGE_PAGE_SIZE, Number(found.position)) };
}
