import "server-only";
import { type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import { queryRows } from "@/db/client";
import type { LearningGroup, MessageKind } from "@/db/schema";
import { notFound } from "@/lib/errors";
import { type Committed, defineOperation, type Scope } from "@/lib/operations/kernel";
import { chatMessageEvent } from "./events";
import { writeMessage } from "./message-rows";
import { type ChatMessageDto, readMessage, writableGroup } from "./queries";

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
export function messageChange<I extends { messageId: string; operationId: string }, R>(
  kind: string,
  input: z.ZodType<I, R>,
  change: Change<I>,
) {
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
      const result = await writeMessage(
        tx,
        ctx,
        locked.group.id,
        null,
        sql`update group_messages set ${set}, seq = (select seq from next) where id = ${locked.message.id} returning *`,
      );
      return { result, events: [chatMessageEvent(result)] };
    },
  });
}
