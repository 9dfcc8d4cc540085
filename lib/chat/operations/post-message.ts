import "server-only";
import { sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import { isUniqueViolation } from "@/db/errors";
import { together } from "@/db/together";
import type { MessageKind } from "@/db/schema";
import { uuidArray } from "@/db/sql";
import { type Ctx, isAdmin } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { type Committed, defineOperation } from "@/lib/operations/kernel";
import { chatMessageEvent } from "../events";
import { mentionedReaders } from "../mentioned-readers";
import { notifyNewMessage } from "../notify";
import { recordPraise } from "../praise";
import { writeMessage } from "../message-rows";
import { type ChatMessageDto, writableGroup } from "../queries";
import { type PostMessageInput, postMessageSchema } from "../schemas";

/** At most this many messages per person in any window of this length, across all their groups. */
export const RATE_LIMIT = { messages: 10, windowMs: 10_000 } as const;

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
  // The group's rights and row, and the author's lock (the only lock), in one round trip.
  locks: async (tx, ctx, input) => (await together([writableGroup(tx, ctx, input.groupId), lockAuthor(tx, ctx)]))[0],
  mapError: postGuard,
  run: async ({ tx, ctx, input, now, locked: group }): Promise<Committed<ChatMessageDto>> => {
    // Independent reads, sent together: one round trip for all. Their refusals keep their order:
    // the rate limit first, then the reply, the praise, the mentions.
    const [, reply, praised, mentioned] = await together([
      enforceRateLimit(tx, ctx, now),
      replyTarget(tx, ctx, group.id, input),
      input.kind === "praise" ? praisedName(tx, ctx, group.id, input.praisedUserId!) : Promise.resolve(null),
      mentionedReaders(tx, ctx, group.id, input.body),
    ]);
    const mentions = mentioned.ids;
    const message = await writeMessage(
      tx,
      ctx,
      group.id,
      now,
      sql`insert into group_messages (company_id, group_id, author_id, kind, body, reply_to_id, praised_user_id, mentions,
                                      by_admin, seq, operation_key, created_at)
          values (${ctx.companyId}, ${group.id}, ${ctx.userId}, ${input.kind}, ${input.body}, ${reply?.rootId ?? null},
                  ${input.praisedUserId ?? null}, ${uuidArray(mentions)}, ${isAdmin(ctx)}, (select seq from next),
                  ${input.operationId}, ${now})
          returning *`,
    );
    // Praise's feed event and the notifications of the people the message concerns, together.
    const [feed, notifications] = await together([
      praised
        ? recordPraise(tx, ctx, group, {
            id: message.id,
            body: mentioned.body,
            praisedUserId: input.praisedUserId!,
            praisedUserName: praised,
            authorName: message.authorName,
            now,
          })
        : Promise.resolve([]),
      notifyNewMessage(tx, ctx, {
        id: message.id,
        groupId: group.id,
        groupName: group.name,
        ownerId: group.ownerId,
        authorName: message.authorName,
        kind: input.kind,
        body: mentioned.body,
        mentions,
        praisedUserId: input.praisedUserId ?? null,
        askerId: reply?.askerId ?? null,
        createdAt: now,
      }),
    ]);
    return { result: message, events: [chatMessageEvent(message), ...feed, ...notifications] };
  },
});
