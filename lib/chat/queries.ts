import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import type { LearningGroup, MessageKind } from "@/db/schema";
import { escapeLike, uuidArray } from "@/db/sql";
import type { Ctx } from "@/lib/auth/viewer";
import { notFound } from "@/lib/errors";
import { type GroupAccess, granted, requireGroupAccess } from "@/lib/group-access/access";
import { assertActive, readGroup } from "@/lib/group-access/lock";
import type { MessageCursor } from "./schemas";

/** Top-level messages per page of the chat; each comes with all of its replies. */
export const MESSAGE_PAGE_SIZE = 50;
/** Most changes one resync call returns; the client asks again from the last seq while `hasMore`. */
export const RESYNC_LIMIT = 500;
export const MENTIONABLE_LIMIT = 8;

/**
 * A message as every client receives it, listed, resynced or live. Deleted messages keep their
 * place with an empty body. Well under Pusher's 10 KB for a 4,000-character body of ASCII text.
 */
export type ChatMessageDto = {
  id: string;
  groupId: string;
  /** The group's chat sequence at this version: the client keeps the version with the highest. */
  seq: number;
  /** The sender's operation id: its optimistic copy is replaced by this message, never doubled. */
  operationKey: string;
  kind: MessageKind;
  /** Markdown source with mention tokens (`lib/chat/mentions.ts`); empty once deleted. */
  body: string;
  authorId: string;
  authorName: string;
  /** Written by an admin: the chat marks admins' notes. */
  byAdmin: boolean;
  /** The top-level message this one replies to (threads are one level deep). */
  replyToId: string | null;
  praisedUserId: string | null;
  praisedUserName: string | null;
  /** Ids of the people mentioned who could read the group when it was written. */
  mentions: string[];
  /**
   * Their names now, by id: what a mention shows (`components/chat/message-body.tsx`), never the
   * name typed into the token, which the author can write as they please.
   */
  mentionNames: Record<string, string>;
  answeredAt: string | null;
  answeredById: string | null;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  deletedById: string | null;
};

type MessageRow = Omit<ChatMessageDto, "seq" | "answeredAt" | "createdAt" | "editedAt" | "deletedAt"> & {
  seq: number | string;
  answeredAt: Date | string | null;
  createdAt: Date | string;
  editedAt: Date | string | null;
  deletedAt: Date | string | null;
};

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

/** Drivers differ: bigint arrives as a string through node-postgres, timestamps as Date or text. */
function toDto(row: MessageRow): ChatMessageDto {
  return {
    ...row,
    seq: Number(row.seq),
    answeredAt: iso(row.answeredAt),
    createdAt: iso(row.createdAt)!,
    editedAt: iso(row.editedAt),
    deletedAt: iso(row.deletedAt),
  };
}

/** Messages matching `where` (on alias `m`), as DTOs in `orderBy`. */
export async function selectMessages(
  db: DatabaseOrTransaction,
  where: SQL,
  orderBy: SQL = sql`m.created_at, m.id`,
  limit?: number,
): Promise<ChatMessageDto[]> {
  const rows = await queryRows<MessageRow>(
    db,
    sql`select m.id, m.group_id as "groupId", m.seq, m.operation_key as "operationKey", m.kind, m.body,
               m.author_id as "authorId", a.name as "authorName", m.by_admin as "byAdmin", m.reply_to_id as "replyToId",
               m.praised_user_id as "praisedUserId", p.name as "praisedUserName", m.mentions::text[] as mentions,
               coalesce((select json_object_agg(u.id, u.name) from users u where u.id = any(m.mentions)), '{}'::json) as "mentionNames",
               m.answered_at as "answeredAt", m.answered_by as "answeredById", m.created_at as "createdAt",
               m.edited_at as "editedAt", m.deleted_at as "deletedAt", m.deleted_by as "deletedById"
        from group_messages m
        join users a on a.id = m.author_id
        left join users p on p.id = m.praised_user_id
        where ${where}
        order by ${orderBy}
        ${limit === undefined ? sql`` : sql`limit ${limit}`}`,
  );
  return rows.map(toDto);
}

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

/** The group, if the caller may write in its chat now: readable (else not found) and not archived. */
export async function writableGroup(tx: DatabaseOrTransaction, ctx: Ctx, groupId: string): Promise<LearningGroup> {
  await assertCanReadChat(tx, ctx, groupId);
  const group = await readGroup(tx, ctx, groupId);
  assertActive(group);
  return group;
}

export type MessagePage = {
  /** Top-level messages of the page and all their replies, oldest first by (createdAt, id). */
  messages: ChatMessageDto[];
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

/** The newest page of the chat, or the page older than `before`. */
export async function listMessages(
  db: DatabaseOrTransaction,
  ctx: Ctx,
  access: GroupAccess,
  options: { before?: MessageCursor; limit?: number } = {},
): Promise<MessagePage> {
  const groupId = granted(ctx, access, "canRead").groupId;
  const limit = options.limit ?? MESSAGE_PAGE_SIZE;
  const seq = await lastSeq(db, groupId);
  const [read] = await queryRows<{ lastReadAt: Date | string }>(
    db,
    sql`select last_read_at as "lastReadAt" from group_reads where user_id = ${ctx.userId} and group_id = ${groupId}`,
  );
  const before = options.before
    ? sql`and (created_at, id) < (${new Date(options.before.createdAt)}::timestamptz, ${options.before.id}::uuid)`
    : sql``;
  const tops = await queryRows<{ id: string; createdAt: Date | string }>(
    db,
    sql`select id, created_at as "createdAt" from group_messages
        where group_id = ${groupId} and company_id = ${ctx.companyId} and reply_to_id is null ${before}
        order by created_at desc, id desc limit ${limit + 1}`,
  );
  const page = tops.slice(0, limit);
  const ids = uuidArray(page.map((row) => row.id));
  const messages = page.length
    ? await selectMessages(db, sql`m.group_id = ${groupId} and (m.id = any(${ids}) or m.reply_to_id = any(${ids}))`)
    : [];
  const oldest = page.at(-1);
  return {
    messages,
    nextCursor: tops.length > limit && oldest ? { createdAt: iso(oldest.createdAt)!, id: oldest.id } : null,
    lastSeq: seq,
    lastReadAt: read ? iso(read.lastReadAt) : null,
  };
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

export type Mentionable = { id: string; name: string };

/** People the caller can mention in a group (who can read it), by name, for the composer's @ autocomplete. */
export async function searchMentionable(db: DatabaseOrTransaction, ctx: Ctx, groupId: string, term: string): Promise<Mentionable[]> {
  await assertCanReadChat(db, ctx, groupId);
  const pattern = `%${escapeLike(term.trim())}%`;
  return queryRows<Mentionable>(
    db,
    sql`select u.id, u.name from (${groupReadersSql(ctx.companyId, groupId)}) r join users u on u.id = r.user_id
        where u.id <> ${ctx.userId} and u.name ilike ${pattern}
        order by lower(u.name), u.id limit ${MENTIONABLE_LIMIT}`,
  );
}
