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
import { mentionsAsText } from "./mentions";
import { groupReadersSql } from "./queries";

const EXCERPT_LENGTH = 140;

/** The chat's notification types, which share one payload: each reader gets the most specific (see below). */
const CHAT_TYPES = ["chat.message", "chat.mention", "chat.adminNote", "chat.answer", "chat.question", "chat.praise"] as const;

export type NewMessageFacts = {
  id: string;
  groupId: string;
  groupName: string;
  ownerId: string;
  authorName: string;
  kind: "note" | "question" | "answer" | "praise";
  body: string;
  byAdmin: boolean;
  mentions: readonly string[];
  praisedUserId: string | null;
  /** For an answer: who asked the question. */
  askerId: string | null;
  createdAt: Date;
};

function excerpt(body: string): string {
  const text = mentionsAsText(body).replace(/\s+/g, " ").trim();
  return text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH - 1)}…` : text;
}

/**
 * Notifies the people a new message concerns, except its author, by their level for the group
 * (all: every message; mentions: what concerns them and admins' notes; none: nothing). Members
 * hear of messages and admins' notes; anyone who can read the group (an admin who is not a member
 * too) hears of a mention of them, an answer to their question, praise of them and, as the owner,
 * of questions — so admins are not told of every message in every group of the company. Each
 * person gets one notification, the most specific that applies. One INSERT … SELECT inside the caller's
 * transaction, keyed by the message id so a retried transaction cannot double it; returns one
 * realtime event per type, fanned out to its recipients' own channels.
 */
export async function notifyNewMessage(tx: DatabaseOrTransaction, ctx: Ctx, message: NewMessageFacts): Promise<RealtimeEvent[]> {
  const payload: ChatNotificationPayload = {
    groupName: message.groupName,
    authorName: message.authorName,
    excerpt: excerpt(message.body),
    messageId: message.id,
  };
  const adminNote = message.byAdmin && message.kind === "note";
  // Admins who are not members hear only of what names them (see above): only they need looking up.
  const concerned = [
    ...message.mentions,
    message.askerId,
    message.praisedUserId,
    message.kind === "question" ? message.ownerId : null,
  ].filter((id): id is string => id !== null);
  const rows = await queryRows<{ userId: string; type: NotificationType }>(
    tx,
    sql`with readers as (${groupReadersSql(ctx.companyId, message.groupId, concerned)}),
        leveled as (
          select u.id as user_id, ${effectiveLevelSql("u", message.groupId)} as level,
                 exists (select 1 from group_members gm where gm.group_id = ${message.groupId} and gm.user_id = u.id) as member
          from readers r join users u on u.id = r.user_id
          where u.id <> ${ctx.userId}
        ),
        typed as (
          select user_id,
                 case
                   when user_id = any(${uuidArray(message.mentions)}) then 'chat.mention'
                   when user_id = ${message.askerId}::uuid then 'chat.answer'
                   when user_id = ${message.praisedUserId}::uuid then 'chat.praise'
                   when ${message.kind === "question"} and user_id = ${message.ownerId}::uuid then 'chat.question'
                   when member and ${adminNote} then 'chat.adminNote'
                   when member and level = 'all' then 'chat.message'
                 end as type
          from leveled where level <> 'none'
        )
        ${insertNotificationsSql({
          companyId: ctx.companyId,
          from: sql`typed`,
          type: { among: CHAT_TYPES, sql: sql<string>`type` },
          payload,
          groupId: message.groupId,
          key: message.id,
          createdAt: message.createdAt,
          where: sql`type is not null`,
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
