import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  index,
  type PgTableExtraConfigValue,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { fk, timestampMs } from "./columns";
import { learningGroups } from "./groups";
import { notificationLevelEnum } from "./notifications";
import { companies, users } from "./people";

export const messageKindEnum = pgEnum("message_kind", ["note", "question", "answer", "praise"]);
export type MessageKind = (typeof messageKindEnum.enumValues)[number];

/**
 * A group's chat counter, apart from `learning_groups` so that posting never waits on a membership
 * change holding the group row. Every new message, edit and delete takes the next `last_seq`.
 */
export const groupChatState = pgTable(
  "group_chat_state",
  {
    groupId: uuid().primaryKey(),
    companyId: uuid().notNull(),
    lastSeq: bigint({ mode: "number" }).notNull().default(0),
    lastMessageAt: timestampMs(),
  },
  (t) => [
    fk("group_chat_state_group_fk", t.groupId, learningGroups.id, "cascade"),
    fk("group_chat_state_company_fk", t.companyId, companies.id, "cascade"),
  ],
);

export const groupMessages = pgTable(
  "group_messages",
  {
    id: uuid().primaryKey().defaultRandom(),
    companyId: uuid().notNull(),
    groupId: uuid().notNull(),
    authorId: uuid().notNull(),
    kind: messageKindEnum().notNull(),
    /** The Markdown source as written; emptied when the message is deleted. */
    body: text().notNull(),
    /** An answer's question, or any reply's parent. */
    replyToId: uuid(),
    /** Praise names a colleague. */
    praisedUserId: uuid(),
    mentions: uuid()
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    /** Written by an admin who is not posting as an ordinary member: the chat marks admins' notes. */
    byAdmin: boolean().notNull().default(false),
    answeredAt: timestampMs(),
    answeredBy: uuid(),
    /** The group's chat sequence at this message's latest version (created, edited, deleted, answered). */
    seq: bigint({ mode: "number" }).notNull(),
    /** The client's operation id: the sender reconciles its optimistic copy by it. */
    operationKey: text().notNull(),
    createdAt: timestampMs().notNull().defaultNow(),
    editedAt: timestampMs(),
    deletedAt: timestampMs(),
    deletedBy: uuid(),
  },
  // Annotated because a message references messages.
  (t): PgTableExtraConfigValue[] => [
    fk("group_messages_company_fk", t.companyId, companies.id, "cascade"),
    fk("group_messages_group_fk", t.groupId, learningGroups.id, "cascade"),
    fk("group_messages_author_fk", t.authorId, users.id, "cascade"),
    fk("group_messages_reply_to_fk", t.replyToId, groupMessages.id, "set null"),
    fk("group_messages_praised_fk", t.praisedUserId, users.id, "set null"),
    uniqueIndex("group_messages_group_seq_uq").on(t.groupId, t.seq),
    uniqueIndex("group_messages_group_operation_uq").on(t.groupId, t.operationKey),
    index("group_messages_group_created_idx").on(t.groupId, t.createdAt.desc(), t.id.desc()),
    // The rate limit counts a person's recent messages.
    index("group_messages_author_created_idx").on(t.authorId, t.createdAt.desc()),
    // A thread's replies in order: the chat page's newest few of each thread and its earlier ones by
    // keyset stop at their limit rather than sort every reply of a long thread (lib/chat/queries.ts).
    index("group_messages_reply_to_created_idx")
      .on(t.replyToId, t.createdAt, t.id)
      .where(sql`${t.replyToId} is not null`),
  ],
);
export type GroupMessage = typeof groupMessages.$inferSelect;

/** Where a person stopped reading a group's chat: unread counts are messages by others after it. */
export const groupReads = pgTable(
  "group_reads",
  {
    userId: uuid().notNull(),
    groupId: uuid().notNull(),
    companyId: uuid().notNull(),
    lastReadAt: timestampMs().notNull(),
  },
  (t) => [
    primaryKey({ name: "group_reads_pk", columns: [t.userId, t.groupId] }),
    fk("group_reads_user_fk", t.userId, users.id, "cascade"),
    fk("group_reads_group_fk", t.groupId, learningGroups.id, "cascade"),
    fk("group_reads_company_fk", t.companyId, companies.id, "cascade"),
    // A group's delete removes its rows by this, not by scanning every person's.
    index("group_reads_group_idx").on(t.groupId),
  ],
);

/** A person's chat notification level for one group, overriding their default. */
export const groupNotificationSettings = pgTable(
  "group_notification_settings",
  {
    userId: uuid().notNull(),
    groupId: uuid().notNull(),
    companyId: uuid().notNull(),
    level: notificationLevelEnum().notNull(),
  },
  (t) => [
    primaryKey({ name: "group_notification_settings_pk", columns: [t.userId, t.groupId] }),
    fk("group_notification_settings_user_fk", t.userId, users.id, "cascade"),
    fk("group_notification_settings_group_fk", t.groupId, learningGroups.id, "cascade"),
    fk("group_notification_settings_company_fk", t.companyId, companies.id, "cascade"),
    index("group_notification_settings_group_idx").on(t.groupId),
  ],
);
