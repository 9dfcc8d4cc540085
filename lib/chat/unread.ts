import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import type { Ctx } from "@/lib/auth/viewer";
import { effectiveLevelSql } from "@/lib/notifications/settings/sql";
import type { ChatActivity } from "./activity";

/**
 * Unread counts stop here: the bell and the cards show "99+" beyond 99, and a count reads at most
 * this many index entries however busy the group.
 */
export const UNREAD_CAP = 100;

/** A person in this many groups hears the newest ones' chats in the bell (ordered by their last message). */
export const CHAT_ACTIVITY_GROUPS = 100;

/**
 * Where a member's unread chat begins: their read mark, or when they joined (messages from before
 * are history, not news). `member` and `read` name their `group_members` and `group_reads` rows.
 */
const unreadFrom = (member: string, read: string) =>
  sql`coalesce(${sql.identifier(read)}.last_read_at, ${sql.identifier(member)}.added_at)`;

/**
 * The messages of others after `from` in a group, deleted ones left out, newest first from the
 * group's (group_id, created_at) index, at most UNREAD_CAP: what counts as unread costs the same
 * in a group of 30 and one of 100,000. `onlyAdminNotes` narrows them to admins' notes (the level
 * "mentions": the mentions themselves are the person's own notifications).
 */
function unreadMessagesSql(groupId: SQL, userId: string, from: SQL, onlyAdminNotes: SQL): SQL {
  return sql`select msg.id, msg.created_at, msg.author_id, msg.body from group_messages msg
             where msg.group_id = ${groupId} and msg.author_id <> ${userId} and msg.deleted_at is null
               and msg.created_at > ${from} and (not ${onlyAdminNotes} or (msg.by_admin and msg.kind = 'note'))
             order by msg.created_at desc limit ${UNREAD_CAP}`;
}

/**
 * My groups' cards: joined to the statement's member row `member` and group `group`, `unread.n` is
 * the unread messages of others there, counted up to UNREAD_CAP.
 */
export function unreadJoinSql(ctx: Ctx, member: string, group: string): SQL {
  const messages = unreadMessagesSql(sql`${sql.identifier(group)}.id`, ctx.userId, unreadFrom(member, "chat_read"), sql`false`);
  return sql`left join group_reads chat_read on chat_read.user_id = ${ctx.userId} and chat_read.group_id = ${sql.identifier(group)}.id
             left join lateral (select count(*)::int as n from (${messages}) x) unread on true`;
}

type ActivityRow = Omit<ChatActivity, "latest" | "lastReadAt"> & {
  lastReadAt: Date | string;
  latestAuthorName: string | null;
  latestBody: string | null;
  latestAt: Date | string | null;
};

/**
 * The bell's chat: each active group I am a member of whose chat notifies me (level "all" or
 * "mentions"), with what is unread at my level, its newest unread message and the channel epoch
 * the bell listens at, in one statement. Derived from the chat itself, so nothing is written per
 * member when someone posts.
 */
export async function listChatActivity(db: DatabaseOrTransaction, ctx: Ctx): Promise<ChatActivity[]> {
  const rows = await queryRows<ActivityRow>(
    db,
    sql`with mine as (
          select g.id, g.name, e.epoch, s.last_message_at, ${effectiveLevelSql("me", sql`g.id`)} as level,
                 ${unreadFrom("member", "chat_read")} as read_from
          from group_members member
          join users me on me.id = member.user_id
          join learning_groups g on g.id = member.group_id
          join group_channel_epochs e on e.group_id = g.id
          left join group_chat_state s on s.group_id = g.id
          left join group_reads chat_read on chat_read.user_id = member.user_id and chat_read.group_id = member.group_id
          where member.user_id = ${ctx.userId} and member.company_id = ${ctx.companyId} and g.archived_at is null
        ),
        heard as (
          select * from mine where level <> 'none'
          order by last_message_at desc nulls last, id limit ${CHAT_ACTIVITY_GROUPS}
        )
        select heard.id as "groupId", heard.name as "groupName", heard.epoch, heard.level, heard.read_from as "lastReadAt",
               unread.n as unread, latest.name as "latestAuthorName", latest.body as "latestBody",
               latest.created_at as "latestAt"
        from heard
        cross join lateral (
          select count(*)::int as n, (array_agg(u.id order by u.created_at desc))[1] as newest_id
          from (${unreadMessagesSql(sql`heard.id`, ctx.userId, sql`heard.read_from`, sql`heard.level = 'mentions'`)}) u
        ) unread
        left join lateral (
          select a.name, m.body, m.created_at from group_messages m join users a on a.id = m.author_id where m.id = unread.newest_id
        ) latest on true
        order by heard.last_message_at desc nulls last, heard.id`,
  );
  return rows.map(({ latestAuthorName, latestBody, latestAt, lastReadAt, ...row }) => ({
    ...row,
    epoch: Number(row.epoch),
    lastReadAt: new Date(lastReadAt).toISOString(),
    latest:
      latestAuthorName !== null && latestBody !== null && latestAt !== null
        ? { authorName: latestAuthorName, body: latestBody, createdAt: new Date(latestAt).toISOString() }
        : null,
  }));
}
