import { type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import { isUniqueViolation } from "@/db/errors";
import type { LearningGroup, MessageKind } from "@/db/schema";
import { uuidArray } from "@/db/sql";
import { type Ctx, isAdmin } from "@/lib/auth/viewer";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { assertActive, readGroup } from "@/lib/group-access/lock";
import { type Committed, defineOperation, type Scope } from "@/lib/operations/kernel";
import { hasOwnerRights } from "@/lib/permissions";
import { chatMessageEvent } from "./events";
import { mentionedIds, withMentionNames } from "./mentions";
import { notifyNewMessage } from "./notify";
import { recordPraise } from "./praise";
import { assertCanReadChat, type ChatMessageDto, groupReadersSql, selectMessages } from "./queries";
import {
  EDIT_WINDOW_MS,
  editMessageSchema,
  groupIdOperationSchema,
  messageOperationSchema,
  type PostMessageInput,
  postMessageSchema,
} from "./schemas";

/** At most this many messages per person in any window of this length, across all their groups. */
export const RATE_LIMIT = { messages: 10, windowMs: 10_000 } as const;

async function readMessage(db: DatabaseOrTransaction, id: string): Promise<ChatMessageDto> {
  const [message] = await selectMessages(db, sql`m.id = ${id}`);
  if (!message) throw notFound();
  return message;
}

/** The group, if the caller may write in its chat now: readable (else not found) and not archived. */
async function writableGroup(tx: DatabaseOrTransaction, ctx: Ctx, groupId: string): Promise<LearningGroup> {
  await assertCanReadChat(tx, ctx, groupId);
  const group = await readGroup(tx, ctx, groupId);
  assertActive(group);
  return group;
}

/**
 * Takes the group's next chat sequence number. The row stays locked until commit, so numbers
 * become visible in order: a reader never sees seq n + 1 while n is still uncommitted.
 */
async function nextSeq(tx: DatabaseOrTransaction, ctx: Ctx, groupId: string, newMessageAt: Date | null): Promise<number> {
  const [row] = await queryRows<{ seq: number | string }>(
    tx,
    sql`insert into group_chat_state (group_id, company_id, last_seq, last_message_at)
        values (${groupId}, ${ctx.companyId}, 1, ${newMessageAt})
        on conflict (group_id) do update set
          last_seq = group_chat_state.last_seq + 1,
          last_message_at = greatest(group_chat_state.last_message_at, excluded.last_message_at)
        returning last_seq as seq`,
  );
  return Number(row!.seq);
}

type Mentioned = {
  /** Ids of the people mentioned who can read the group, in order of first mention. */
  ids: string[];
  /** The body with those people's names as they are now (for notifications and the feed), not as typed. */
  body: string;
};

/** The people `body` mentions who can read the group: mentions of anyone else are dropped. */
async function mentionedReaders(tx: DatabaseOrTransaction, ctx: Ctx, groupId: string, body: string): Promise<Mentioned> {
  const ids = mentionedIds(body);
  if (ids.length === 0) return { ids, body };
  const rows = await queryRows<{ id: string; name: string }>(
    tx,
    sql`select r.user_id as id, u.name from (${groupReadersSql(ctx.companyId, groupId)}) r join users u on u.id = r.user_id
        where r.user_id = any(${uuidArray(ids)})`,
  );
  const names = new Map(rows.map((row) => [row.id, row.name]));
  return { ids: ids.filter((id) => names.has(id)), body: withMentionNames(body, names) };
}

/**
 * A person's posts queue behind each other on their own row: the rate limit then counts what the
 * previous post wrote (two posts at once cannot both see nine), and a concurrent duplicate of an
 * operation finds the first one's message.
 */
async function lockAuthor(tx: DatabaseOrTransaction, ctx: Ctx): Promise<void> {
  await tx.execute(sql`select 1 from users where id = ${ctx.userId} and company_id = ${ctx.companyId} for no key update`);
}

/** Refuses a post beyond RATE_LIMIT, saying how long to wait until the oldest of the window leaves it. */
async function enforceRateLimit(tx: DatabaseOrTransaction, ctx: Ctx, now: Date): Promise<void> {
  const since = new Date(now.getTime() - RATE_LIMIT.windowMs);
  const [row] = await queryRows<{ recent: number; oldest: Date | string | null }>(
    tx,
    sql`select count(*)::int as recent, min(created_at) as oldest from (
          select created_at from group_messages
          where author_id = ${ctx.userId} and created_at > ${since} and created_at <= ${now}
          order by created_at desc limit ${RATE_LIMIT.messages}
        ) recent`,
  );
  if (row && row.recent >= RATE_LIMIT.messages && row.oldest) {
    const waitMs = new Date(row.oldest).getTime() + RATE_LIMIT.windowMs - now.getTime();
    throw new AppError("chat_rate_limited", { seconds: Math.max(1, Math.ceil(waitMs / 1000)) });
  }
}

type ReplyTarget = { rootId: string; askerId: string | null };

/** A reply joins its parent's thread (one level deep); an answer must reply to a question. */
async function replyTarget(tx: DatabaseOrTransaction, ctx: Ctx, groupId: string, input: PostMessageInput): Promise<ReplyTarget | null> {
  if (!input.replyToId) return null;
  const [parent] = await queryRows<{ id: string; kind: MessageKind; replyToId: string | null; authorId: string; deleted: boolean }>(
    tx,
    sql`select id, kind, reply_to_id as "replyToId", author_id as "authorId", deleted_at is not null as deleted
        from group_messages where id = ${input.replyToId} and group_id = ${groupId} and company_id = ${ctx.companyId}`,
  );
  if (!parent) throw new AppError("chat_reply_not_found", {}, "replyToId");
  if (parent.deleted) throw new AppError("chat_message_deleted", {}, "replyToId");
  if (input.kind === "answer" && parent.kind !== "question") throw new AppError("chat_not_a_question", {}, "replyToId");
  return { rootId: parent.replyToId ?? parent.id, askerId: input.kind === "answer" ? parent.authorId : null };
}

/** The praised colleague's name: a current, active member of the group other than the author. */
async function praisedName(tx: DatabaseOrTransaction, ctx: Ctx, groupId: string, userId: string): Promise<string> {
  const [row] = await queryRows<{ name: string }>(
    tx,
    sql`select u.name from group_members gm join users u on u.id = gm.user_id
        where gm.group_id = ${groupId} and gm.user_id = ${userId} and u.company_id = ${ctx.companyId}
          and u.deactivated_at is null and u.id <> ${ctx.userId}`,
  );
  if (!row) throw new AppError("chat_praise_not_member", {}, "praisedUserId");
  return row.name;
}

async function authorName(tx: DatabaseOrTransaction, ctx: Ctx): Promise<string> {
  const [row] = await queryRows<{ name: string }>(tx, sql`select name from users where id = ${ctx.userId}`);
  return row?.name ?? "";
}

/** Another author's message with this operation id in the group: their operation, not a replay of the caller's. */
const postGuard = (error: unknown) => (isUniqueViolation(error, "group_messages_group_operation_uq") ? new AppError("conflict") : error);

/**
 * Posts a message: by a current member or an admin of the company, in an active group, at most
 * RATE_LIMIT per person. Idempotent by operation id (the kernel's claim; (group, operation_key) is
 * unique too): a replay returns the first message and publishes nothing. One transaction writes the
 * message, its sequence number, praise's feed event and the notifications; the events come back as data.
 */
export const postMessage = defineOperation({
  kind: "chat.post",
  permission: "chat.write",
  input: postMessageSchema,
  locks: async (tx, ctx, input) => {
    const group = await writableGroup(tx, ctx, input.groupId);
    await lockAuthor(tx, ctx);
    return group;
  },
  mapError: postGuard,
  run: async ({ tx, ctx, input, now, locked: group }): Promise<Committed<ChatMessageDto>> => {
    await enforceRateLimit(tx, ctx, now);
    const reply = await replyTarget(tx, ctx, group.id, input);
    const praised = input.kind === "praise" ? await praisedName(tx, ctx, group.id, input.praisedUserId!) : null;
    const mentioned = await mentionedReaders(tx, ctx, group.id, input.body);
    const mentions = mentioned.ids;
    const seq = await nextSeq(tx, ctx, group.id, now);
    const byAdmin = isAdmin(ctx);
    const [inserted] = await queryRows<{ id: string }>(
      tx,
      sql`insert into group_messages (company_id, group_id, author_id, kind, body, reply_to_id, praised_user_id, mentions,
                                      by_admin, seq, operation_key, created_at)
          values (${ctx.companyId}, ${group.id}, ${ctx.userId}, ${input.kind}, ${input.body}, ${reply?.rootId ?? null},
                  ${input.praisedUserId ?? null}, ${uuidArray(mentions)}, ${byAdmin}, ${seq}, ${input.operationId}, ${now})
          returning id`,
    );
    const id = inserted!.id;
    const name = await authorName(tx, ctx);
    const feed = praised
      ? await recordPraise(tx, ctx, group, {
          id,
          body: mentioned.body,
          praisedUserId: input.praisedUserId!,
          praisedUserName: praised,
          authorName: name,
          now,
        })
      : [];
    const notifications = await notifyNewMessage(tx, ctx, {
      id,
      groupId: group.id,
      groupName: group.name,
      ownerId: group.ownerId,
      authorName: name,
      kind: input.kind,
      body: mentioned.body,
      byAdmin,
      mentions,
      praisedUserId: input.praisedUserId ?? null,
      askerId: reply?.askerId ?? null,
      createdAt: now,
    });
    const message = await readMessage(tx, id);
    return { result: message, events: [chatMessageEvent(message), ...feed, ...notifications] };
  },
});

type StoredMessage = {
  id: string;
  groupId: string;
  authorId: string;
  kind: MessageKind;
  createdAt: Date;
  deleted: boolean;
  answered: boolean;
};

type Change<I> = (scope: Scope<I, LockedMessage>, message: StoredMessage, group: LearningGroup) => Promise<SQL | null>;
type LockedMessage = { message: StoredMessage; group: LearningGroup };

/**
 * One kind of change of an existing message, as an operation: locks the message, checks the group
 * is readable and active (both before the claim, so a duplicate waits for its original), lets
 * `change` decide (a SET list, or null when there is nothing to change), stamps the group's next seq
 * and returns the newest version with its live event.
 */
function messageChange<I extends { messageId: string; operationId: string }, R>(kind: string, input: z.ZodType<I, R>, change: Change<I>) {
  return defineOperation<z.ZodType<I, R>, LockedMessage, ChatMessageDto>({
    kind,
    permission: "chat.write",
    input,
    locks: async (tx, ctx, { messageId }): Promise<LockedMessage> => {
      // NO KEY UPDATE, like the UPDATE itself: a reply being posted to this message holds the group's
      // sequence and takes KEY SHARE on it through its foreign key, which FOR UPDATE would deadlock with.
      const [stored] = await queryRows<StoredMessage>(
        tx,
        sql`select id, group_id as "groupId", author_id as "authorId", kind, created_at as "createdAt",
                   deleted_at is not null as deleted, answered_at is not null as answered
            from group_messages where id = ${messageId} and company_id = ${ctx.companyId} for no key update`,
      );
      if (!stored) throw notFound();
      const message = { ...stored, createdAt: new Date(stored.createdAt) };
      return { message, group: await writableGroup(tx, ctx, message.groupId) };
    },
    run: async (scope): Promise<Committed<ChatMessageDto>> => {
      const { tx, ctx, locked } = scope;
      const set = await change(scope, locked.message, locked.group);
      if (!set) return { result: await readMessage(tx, locked.message.id), events: [] };
      const seq = await nextSeq(tx, ctx, locked.group.id, null);
      await tx.execute(sql`update group_messages set ${set}, seq = ${seq} where id = ${locked.message.id}`);
      const result = await readMessage(tx, locked.message.id);
      return { result, events: [chatMessageEvent(result)] };
    },
  });
}

/** Edits one's own message within EDIT_WINDOW_MS of sending it; mentions are read again. */
export const editMessage = messageChange("chat.edit", editMessageSchema, async ({ tx, ctx, input, now }, message, group) => {
  if (message.authorId !== ctx.userId) throw forbidden();
  if (message.deleted) throw new AppError("chat_message_deleted");
  if (now.getTime() - message.createdAt.getTime() > EDIT_WINDOW_MS) throw new AppError("chat_edit_window_closed");
  const mentioned = await mentionedReaders(tx, ctx, group.id, input.body);
  if (message.kind === "praise") {
    await tx.execute(
      sql`update activity_events set payload = jsonb_set(payload, '{text}', to_jsonb(${mentioned.body}::text))
          where message_id = ${message.id} and company_id = ${ctx.companyId}`,
    );
  }
  return sql`body = ${input.body}, mentions = ${uuidArray(mentioned.ids)}, edited_at = ${now}`;
});

/**
 * Deletes a message: one's own, or any as an admin. The text goes, "message deleted" stays in its
 * place (and its replies under it); praise leaves the feed with it, and the notifications quoting it
 * go. Deleting again changes nothing.
 */
export const deleteMessage = messageChange("chat.delete", messageOperationSchema, async ({ tx, ctx, now }, message) => {
  if (message.authorId !== ctx.userId && !isAdmin(ctx)) throw forbidden();
  if (message.deleted) return null;
  await tx.execute(sql`delete from activity_events where message_id = ${message.id} and company_id = ${ctx.companyId}`);
  // Its notifications quote it: they go too, looked up per reader through (user_id, key).
  await tx.execute(
    sql`delete from notifications n using (${groupReadersSql(ctx.companyId, message.groupId)}) r
        where n.user_id = r.user_id and n.key = ${message.id}`,
  );
  return sql`body = '', mentions = '{}'::uuid[], deleted_at = ${now}, deleted_by = ${ctx.userId}`;
});

/** Marks a question answered: by its asker, the group's owner or an admin. Marking again changes nothing. */
export const markAnswered = messageChange("chat.answered", messageOperationSchema, async ({ ctx, now }, message, group) => {
  if (message.kind !== "question") throw new AppError("chat_not_a_question");
  if (message.authorId !== ctx.userId && !hasOwnerRights(ctx, group) && !isAdmin(ctx)) throw forbidden();
  if (message.deleted) throw new AppError("chat_message_deleted");
  if (message.answered) return null;
  return sql`answered_at = ${now}, answered_by = ${ctx.userId}`;
});

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
