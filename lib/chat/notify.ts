import "server-only";
import { sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import { uuidArray } from "@/db/sql";
import type { Ctx } from "@/lib/auth/viewer";
import { effectiveLevelSql } from "@/lib/notifications/settings/sql";
import { notificationFanOut } from "@/lib/notifications/events";
import type { ChatNotificationPayload, NotificationType } from "@/lib/notifications/types";
import { insertNotificationsSql } from "@/lib/notifications/sql";
import type { RealtimeEvent } from "@/lib/realtime/channels";
import { excerpt } from "./excerpt";
import { groupReadersSql } from "./queries";

/** The chat's notification types, which share one payload: each person gets the most specific (see below). */
const CHAT_TYPES = ["chat.mention", "chat.answer", "chat.question", "chat.praise"] as const;

export type NewMessageFacts = {
  id: string;
  groupId: string;
  groupName: string;
  ownerId: string;
  authorName: string;
  kind: "note" | "question" | "answer" | "praise";
  body: string;
  mentions: readonly string[];
  praisedUserId: string | null;
  /** For an answer: who asked the question. */
  askerId: string | null;
  createdAt: Date;
};

/** The people a message names or answers: the only ones it gives a notification of their own. */
function concernedBy(message: NewMessageFacts): string[] {
  const ids = [...message.mentions, message.askerId, message.praisedUserId, message.kind === "question" ? message.ownerId : null];
  return [...new Set(ids.filter((id): id is string => id !== null))];
}

/**
 * Gives a notification of their own to the people a new message concerns, except its author: a
 * mention of them, an answer to their question, praise of them and, as the group's owner, a
 * question; each the most specific that applies, unless their level for the group is "none". Anyone
 * who can read the group (an admin who is not a member too) may be concerned. Everything else a
 * message means to its members (its place in the bell's "new messages in …", admins' notes for
 * "mentions") is derived from the chat itself against each member's read mark (`lib/chat/unread.ts`),
 * so a post costs the same in a group of 30 and one of 100,000: this statement touches only the
 * people named, a handful. Keyed by the message id, so a retried transaction cannot double it.
 */
export async function notifyNewMessage(tx: DatabaseOrTransaction, ctx: Ctx, message: NewMessageFacts): Promise<RealtimeEvent[]> {
  const concerned = concernedBy(message).filter((id) => id !== ctx.userId);
  if (concerned.length === 0) return [];
  const payload: ChatNotificationPayload = {
    groupName: message.groupName,
    authorName: message.authorName,
    excerpt: excerpt(message.body),
    messageId: message.id,
  };
  const rows = await queryRows<{ userId: string; type: NotificationType }>(
    tx,
    sql`with readers as (${groupReadersSql(ctx.companyId, message.groupId, concerned)}),
        typed as (
          select u.id as user_id,
                 case
                   when u.id = any(${uuidArray(message.mentions)}) then 'chat.mention'
                   when u.id = ${message.askerId}::uuid then 'chat.answer'
                   when u.id = ${message.praisedUserId}::uuid then 'chat.praise'
                   else 'chat.question'
                 end as type
          from readers r join users u on u.id = r.user_id
          where ${effectiveLevelSql("u", message.groupId)} <> 'none'
        )
        ${insertNotificationsSql({
          companyId: ctx.companyId,
          from: sql`typed`,
          type: { among: CHAT_TYPES, sql: sql<string>`type` },
          payload,
          groupId: message.groupId,
          key: message.id,
          createdAt: message.createdAt,
          returning: sql`user_id as "userId", type`,
        })}`,
  );
  const byType = new Map<NotificationType, string[]>();
  for (const row of rows) byType.set(row.type, [...(byType.get(row.type) ?? []), row.userId]);
  return [...byType].map(([type, userIds]) =>
    notificationFanOut(userIds, {
      key: message.id,
      type,
      payload,
      groupId: message.groupId,
      readAt: null,
      createdAt: message.createdAt.toISOString(),
    }),
  );
}

/**
 * The notifications quoting a message, for its deletion: only the people it concerned can hold one,
 * found from the stored message (its mentions, praised colleague, question's asker, group's owner)
 * through the (user_id, key) index, however big the group.
 */
export async function deleteMessageNotifications(tx: DatabaseOrTransaction, ctx: Ctx, messageId: string): Promise<void> {
  await tx.execute(
    sql`delete from notifications n
        using (
          select unnest(m.mentions || array[m.praised_user_id, q.author_id, g.owner_id]) as user_id
          from group_messages m
          join learning_groups g on g.id = m.group_id
          left join group_messages q on q.id = m.reply_to_id
          where m.id = ${messageId} and m.company_id = ${ctx.companyId}
        ) concerned
        where n.user_id = concerned.user_id and n.key = ${messageId}`,
  );
}
