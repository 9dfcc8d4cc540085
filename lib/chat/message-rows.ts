import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import type { MessageKind } from "@/db/schema";
import type { Ctx } from "@/lib/auth/viewer";
import { notFound } from "@/lib/errors";
import { nextSeq } from "./sequence";

// How a chat message is read and sent, whichever query finds it (lib/chat/queries.ts).

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

export type MessageRow = Omit<ChatMessageDto, "seq" | "answeredAt" | "createdAt" | "editedAt" | "deletedAt"> & {
  seq: number | string;
  answeredAt: Date | string | null;
  createdAt: Date | string;
  editedAt: Date | string | null;
  deletedAt: Date | string | null;
};

export const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

/** Drivers differ: bigint arrives as a string through node-postgres, timestamps as Date or text. */
export function toDto(row: MessageRow): ChatMessageDto {
  return {
    ...row,
    seq: Number(row.seq),
    answeredAt: iso(row.answeredAt),
    createdAt: iso(row.createdAt)!,
    editedAt: iso(row.editedAt),
    deletedAt: iso(row.deletedAt),
  };
}

/**
 * The DTO's columns of message `m`, read from `MESSAGE_SOURCE`: its author `a`, the colleague it
 * praises `p`, the names of the people it mentions now.
 */
export const MESSAGE_COLUMNS = sql`m.id, m.group_id as "groupId", m.seq, m.operation_key as "operationKey", m.kind, m.body,
  m.author_id as "authorId", a.name as "authorName", m.by_admin as "byAdmin", m.reply_to_id as "replyToId",
  m.praised_user_id as "praisedUserId", p.name as "praisedUserName", m.mentions::text[] as mentions,
  coalesce((select json_object_agg(u.id, u.name) from users u where u.id = any(m.mentions)), '{}'::json) as "mentionNames",
  m.answered_at as "answeredAt", m.answered_by as "answeredById", m.created_at as "createdAt",
  m.edited_at as "editedAt", m.deleted_at as "deletedAt", m.deleted_by as "deletedById"`;
const MESSAGE_JOINS = sql`join users a on a.id = m.author_id left join users p on p.id = m.praised_user_id`;
export const MESSAGE_SOURCE = sql`group_messages m ${MESSAGE_JOINS}`;

/** Messages matching `where` (on alias `m`), as DTOs in `orderBy`. */
export async function selectMessages(
  db: DatabaseOrTransaction,
  where: SQL,
  orderBy: SQL = sql`m.created_at, m.id`,
  limit?: number,
): Promise<ChatMessageDto[]> {
  const rows = await queryRows<MessageRow>(
    db,
    sql`select ${MESSAGE_COLUMNS} from ${MESSAGE_SOURCE}
        where ${where}
        order by ${orderBy}
        ${limit === undefined ? sql`` : sql`limit ${limit}`}`,
  );
  return rows.map(toDto);
}

/**
 * A message written with the group's next chat sequence number and read back as its DTO, in one
 * statement (one round trip, where taking the number, writing and reading back were three): `write`
 * inserts or updates the message with `(select seq from next)` as its seq, `returning *`.
 */
export async function writeMessage(
  tx: DatabaseOrTransaction,
  ctx: Ctx,
  groupId: string,
  newMessageAt: Date | null,
  write: SQL,
): Promise<ChatMessageDto> {
  const [row] = await queryRows<MessageRow>(
    tx,
    sql`with ${nextSeq(ctx, groupId, newMessageAt)}, m as (${write})
        select ${MESSAGE_COLUMNS} from m ${MESSAGE_JOINS}`,
  );
  if (!row) throw notFound();
  return toDto(row);
}
