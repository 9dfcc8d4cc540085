import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import type { LearningGroup } from "@/db/schema";
import { escapeLike, foldedNameLike, uuidArray } from "@/db/sql";
import { together } from "@/db/together";
import type { Ctx } from "@/lib/auth/viewer";
import { notFound } from "@/lib/errors";
import { type GroupAccess, granted, requireGroupAccess } from "@/lib/group-access/access";
import { matchQualitySql } from "@/lib/people/match";
import type { PersonSuggestion } from "@/lib/people/suggestions";
import { assertActive, readGroup } from "@/lib/group-access/lock";
import { type ChatMessageDto, iso, MESSAGE_COLUMNS, MESSAGE_SOURCE, type MessageRow, selectMessages, toDto } from "./message-rows";
import type { MessageCursor } from "./schemas";

export type { ChatMessageDto } from "./message-rows";

/** Top-level messages per page of the chat; each comes with its newest replies (`REPLIES_SHOWN`). */
export const MESSAGE_PAGE_SIZE = 50;
/**
 * Replies a page shows under each of its threads: the newest three, the tail of the conversation,
 * enough to see where it stands and to answer it. However long threads grow, a page then reads at
 * most 50 + 150 messages; the earlier replies come on demand (`listEarlierReplies`).
 */
export const REPLIES_SHOWN = 3;
/** Earlier replies per "Show earlier replies": a long thread opens in steps of a page. */
export const REPLY_PAGE_SIZE = 50;
/** Most changes one resync call returns; the client asks again from the last seq while `hasMore`. */
export const RESYNC_LIMIT = 500;
export const MENTIONABLE_LIMIT = 8;

/** The message's newest version, as every client receives it. */
export async function readMessage(db: DatabaseOrTransaction, id: string): Promise<ChatMessageDto> {
  const [message] = await selectMessages(db, sql`m.id = ${id}`);
  if (!message) throw notFound();
  return message;
}

/** The group's chat, if the caller may read it; otherwise it does not exist for them. */
export async function assertCanReadChat(db: DatabaseOrTransaction, ctx: Ctx, groupId: string): Promise<GroupAccess> {
  return granted(ctx, await requireGroupAccess(db, ctx, groupId), "canRead");
}

async function lastSeq(db: DatabaseOrTransaction, groupId: string): Promise<number> {
  const [row] = await queryRows<{ lastSeq: number | string }>(
    db,
    sql`select last_seq as "lastSeq" from group_chat_state where group_id = ${groupId}`,
  );
  return Number(row?.lastSeq ?? 0);
}

/**
 * The group, if the caller may write in its chat now: readable (else not found) and not archived.
 * The rights and the row are read together; the rights refuse first.
 */
export async function writableGroup(tx: DatabaseOrTransaction, ctx: Ctx, groupId: string): Promise<LearningGroup> {
  const [, group] = await together([assertCanReadChat(tx, ctx, groupId), readGroup(tx, ctx, groupId)]);
  assertActive(group);
  return group;
}

export type MessagePage = {
  /** Top-level messages of the page and the newest replies of each (`REPLIES_SHOWN`), oldest first by (createdAt, id). */
  messages: ChatMessageDto[];
  /**
   * How many replies each top-level message of the page has, by id (those without any left out): the
   * replies beyond those in the page are earlier ones, shown on demand (`listEarlierReplies`).
   */
  replyCounts: Record<string, number>;
  /** Pass as `before` for the next older page; null at the beginning of the chat. */
  nextCursor: MessageCursor | null;
  /**
   * The group's sequence when the page was read (read first): resync from here; changes racing the
   * read come again with a higher seq, which the client keeps.
   */
  lastSeq: number;
  /** Where the caller stopped reading (the "New" divider); null when they never opened the chat. */
  lastReadAt: string | null;
};

/** Keyset condition: `columns`, a (created_at, id) pair, before the cursor's. */
const before = (cursor: MessageCursor, columns: SQL) => sql`${columns} < (${new Date(cursor.createdAt)}::timestamptz, ${cursor.id}::uuid)`;

/**
 * The newest page of the chat, or the page older than `before`. The group's sequence is read first
 * (the resync starts from it, so a change racing the page comes again); then, together, the reader's
 * mark and the page itself: two round trips.
 */
export async function listMessages(
  db: DatabaseOrTransaction,
  ctx: Ctx,
  access: GroupAccess,
  options: { before?: MessageCursor; limit?: number } = {},
): Promise<MessagePage> {
  const groupId = granted(ctx, access, "canRead").groupId;
  const limit = options.limit ?? MESSAGE_PAGE_SIZE;
  const seq = await lastSeq(db, groupId);
  const [[read], threads] = await Promise.all([
    queryRows<{ lastReadAt: Date | string }>(
      db,
      sql`select last_read_at as "lastReadAt" from group_reads where user_id = ${ctx.userId} and group_id = ${groupId}`,
    ),
    selectThreads(db, ctx, groupId, limit, options.before),
  ]);
  const tops = threads.messages.filter((message) => message.replyToId === null);
  const oldest = tops[0];
  return {
    messages: threads.messages,
    replyCounts: threads.replyCounts,
    nextCursor: threads.more && oldest ? { createdAt: oldest.createdAt, id: oldest.id } : null,
    lastSeq: seq,
    lastReadAt: read ? iso(read.lastReadAt) : null,
  };
}

/**
 * A page of `limit` top-level messages of the group (the newest, or those older than `before`), each
 * with its newest `REPLIES_SHOWN` replies and the count of all its replies, and whether older
 * top-level messages exist. One statement, so the counts and the replies are of one moment; each
 * thread's replies are read newest first from group_messages_reply_to_created_idx and stop at the
 * limit, and its count is an index-only scan of the same index.
 */
async function selectThreads(
  db: DatabaseOrTransaction,
  ctx: Ctx,
  groupId: string,
  limit: number,
  older: MessageCursor | undefined,
): Promise<Pick<MessagePage, "messages" | "replyCounts"> & { more: boolean }> {
  const rows = await queryRows<MessageRow & { replyCount: number | string | null; more: boolean }>(
    db,
    sql`with page as (
          select id, created_at from group_messages
          where group_id = ${groupId} and company_id = ${ctx.companyId} and reply_to_id is null
                ${older ? sql`and ${before(older, sql`(created_at, id)`)}` : sql``}
          order by created_at desc, id desc limit ${limit + 1}
        ),
        tops as (select id from page order by created_at desc, id desc limit ${limit}),
        shown as (
          select id from tops
          union all
          select newest.id from tops cross join lateral (
            select r.id from group_messages r where r.reply_to_id = tops.id
            order by r.created_at desc, r.id desc limit ${REPLIES_SHOWN}
          ) newest
        )
        select ${MESSAGE_COLUMNS},
               case when m.reply_to_id is null then (select count(*) from group_messages r where r.reply_to_id = m.id) end as "replyCount",
               (select count(*) from page) > ${limit} as more
        from ${MESSAGE_SOURCE}
        where m.id in (select id from shown) and m.group_id = ${groupId}
        order by m.created_at, m.id`,
  );
  const messages: ChatMessageDto[] = [];
  const replyCounts: Record<string, number> = {};
  // Every row says the same of the page; none when there is no page.
  let more = false;
  for (const { replyCount, more: olderExist, ...row } of rows) {
    messages.push(toDto(row));
    if (Number(replyCount) > 0) replyCounts[row.id] = Number(replyCount);
    more = olderExist;
  }
  return { messages, replyCounts, more };
}

export type ReplyPage = {
  /** Replies of the thread older than the cursor, oldest first: at most `REPLY_PAGE_SIZE`. */
  messages: ChatMessageDto[];
  /** Still earlier replies exist: ask again before the oldest of these. */
  hasMore: boolean;
};

/**
 * A thread's replies older than `cursor` (the oldest reply the page holds), the newest of them
 * first: what "Show earlier replies" adds above those shown. The thread is looked up among the
 * group's top-level messages, whatever id the browser sent: another group's message, or a reply,
 * is not found.
 */
export async function listEarlierReplies(
  db: DatabaseOrTransaction,
  ctx: Ctx,
  access: GroupAccess,
  threadId: string,
  cursor: MessageCursor,
  limit = REPLY_PAGE_SIZE,
): Promise<ReplyPage> {
  const groupId = granted(ctx, access, "canRead").groupId;
  const [thread] = await queryRows<{ id: string }>(
    db,
    sql`select id from group_messages
        where id = ${threadId} and group_id = ${groupId} and company_id = ${ctx.companyId} and reply_to_id is null`,
  );
  if (!thread) throw notFound();
  const rows = await selectMessages(
    db,
    sql`m.reply_to_id = ${thread.id} and m.group_id = ${groupId} and ${before(cursor, sql`(m.created_at, m.id)`)}`,
    sql`m.created_at desc, m.id desc`,
    limit + 1,
  );
  return { messages: rows.slice(0, limit).reverse(), hasMore: rows.length > limit };
}

export type MessagesSince = { messages: ChatMessageDto[]; hasMore: boolean; lastSeq: number };

/**
 * Every message whose newest version is above `seq`, in seq order: what a client missed while
 * disconnected (new messages, edits, deletes, answered marks), each at its newest version.
 */
export async function messagesSince(
  db: DatabaseOrTransaction,
  ctx: Ctx,
  access: GroupAccess,
  seq: number,
  limit = RESYNC_LIMIT,
): Promise<MessagesSince> {
  const groupId = granted(ctx, access, "canRead").groupId;
  const rows = await selectMessages(
    db,
    sql`m.group_id = ${groupId} and m.company_id = ${ctx.companyId} and m.seq > ${seq}`,
    sql`m.seq`,
    limit + 1,
  );
  const messages = rows.slice(0, limit);
  return { messages, hasMore: rows.length > limit, lastSeq: messages.at(-1)?.seq ?? seq };
}

/**
 * Everyone who can read a group's chat, as a relation with `user_id`: its active members and the
 * company's active admins — or, given `among`, only those of these ids: a message's notifications
 * and mentions concern a handful of people, and neither a group of 100,000 nor every admin of the
 * company (no index can serve `'admin' = any(roles)`) should be read to find them. The caller has
 * checked the group is of `companyId`.
 */
export function groupReadersSql(companyId: string, groupId: string, among?: readonly string[]): SQL {
  const only = (column: SQL) => (among ? sql`and ${column} = any(${uuidArray(among)})` : sql``);
  return sql`select u.id as user_id from group_members gm join users u on u.id = gm.user_id
             where gm.group_id = ${groupId} and u.company_id = ${companyId} and u.deactivated_at is null ${only(sql`gm.user_id`)}
             union
             select u.id from users u
             where u.company_id = ${companyId} and 'admin' = any(u.roles) and u.deactivated_at is null ${only(sql`u.id`)}`;
}

/**
 * People the caller can mention in a group (who can read it), by name, for the composer's @ autocomplete
 * and the praise picker: the best matches first ("lena" puts Lena Learner before Elena Lang), then by
 * name; their department tells namesakes apart (their email is not for every member to read).
 */
export async function searchMentionable(db: DatabaseOrTransaction, ctx: Ctx, groupId: string, term: string): Promise<PersonSuggestion[]> {
  await assertCanReadChat(db, ctx, groupId);
  const needle = term.trim().toLowerCase();
  return queryRows<PersonSuggestion>(
    db,
    sql`select u.id, u.name, null as email, d.name as "departmentName", ${matchQualitySql(needle, { byEmail: false })} as match
        from (${groupReadersSql(ctx.companyId, groupId)}) r join users u on u.id = r.user_id
        left join departments d on d.id = u.department_id and d.company_id = u.company_id
        where u.id <> ${ctx.userId} and ${foldedNameLike(sql`u.folded_name`, `%${escapeLike(needle)}%`)}
        order by match, lower(u.name), u.id limit ${MENTIONABLE_LIMIT}`,
  );
}
