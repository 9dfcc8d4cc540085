import { z } from "zod";
import { isoInstantField } from "@/lib/dates";
import type { MessageKind } from "@/db/schema";
import { searchTermField, textField } from "@/lib/text";

// Spelled out rather than read from the schema's enum: the composer imports this file into the
// browser bundle, which must not pull in the database schema. `satisfies` keeps them equal.
const KINDS = { note: true, question: true, answer: true, praise: true } satisfies Record<MessageKind, true>;
export const MESSAGE_KINDS = Object.keys(KINDS) as [MessageKind, ...MessageKind[]];

/** Longest message, in UTF-16 code units (what a textarea's maxLength and String.length count). */
export const MAX_BODY_LENGTH = 4000;

/** Own messages can be edited this long after they were sent; the composer hides Edit after it. */
export const EDIT_WINDOW_MS = 15 * 60_000;

/**
 * Markdown as written, cleaned as every text people type (`lib/text.ts`): control characters other
 * than tab and newline, which would be stored invisibly and inflate the realtime payload (JSON writes
 * each as six bytes), and bidirectional overrides go; NUL and broken characters are refused.
 */
export const messageBodySchema = textField({
  max: MAX_BODY_LENGTH,
  tooLong: "messageTooLong",
  required: "messageRequired",
  multiline: true,
});

/** Keyset cursor over top-level messages, or over a thread's replies, newest first: the oldest one held. */
export const messageCursorSchema = z.object({ createdAt: isoInstantField(), id: z.uuid() });
export type MessageCursor = z.infer<typeof messageCursorSchema>;

export const postMessageSchema = z
  .object({
    groupId: z.uuid(),
    operationId: z.uuid(),
    kind: z.enum(MESSAGE_KINDS),
    body: messageBodySchema,
    replyToId: z.uuid().optional(),
    praisedUserId: z.uuid().optional(),
  })
  .superRefine((input, context) => {
    if (input.kind === "praise" && !input.praisedUserId) {
      context.addIssue({ code: "custom", path: ["praisedUserId"], message: "praiseNeedsColleague" });
    }
    if (input.kind !== "praise" && input.praisedUserId) {
      context.addIssue({ code: "custom", path: ["praisedUserId"], message: "onlyPraiseNamesColleague" });
    }
    if (input.kind === "answer" && !input.replyToId) {
      context.addIssue({ code: "custom", path: ["replyToId"], message: "answerNeedsQuestion" });
    }
    // Threads are one level deep and an answer names its question: a question opens a thread.
    if (input.kind === "question" && input.replyToId) {
      context.addIssue({ code: "custom", path: ["replyToId"], message: "questionIsTopLevel" });
    }
  });
export type PostMessageInput = z.output<typeof postMessageSchema>;

export const editMessageSchema = z.object({ messageId: z.uuid(), operationId: z.uuid(), body: messageBodySchema });
export type EditMessageInput = z.output<typeof editMessageSchema>;

export const messageOperationSchema = z.object({ messageId: z.uuid(), operationId: z.uuid() });
export type MessageOperationInput = z.output<typeof messageOperationSchema>;

export const listMessagesSchema = z.object({ groupId: z.uuid(), before: messageCursorSchema.optional() });
/** "Show earlier replies": the thread's top-level message, and the oldest of its replies shown. */
export const listEarlierRepliesSchema = z.object({ groupId: z.uuid(), messageId: z.uuid(), before: messageCursorSchema });
/** The chat resync route's query: the sequence up to which the page misses nothing. */
export const messagesSinceQuerySchema = z.object({
  groupId: z.uuid(),
  after: z
    .string()
    .regex(/^\d{1,15}$/)
    .transform(Number),
});
export const searchMentionableSchema = z.object({ groupId: z.uuid(), term: searchTermField(100) });
export const groupIdOperationSchema = z.object({ groupId: z.uuid(), operationId: z.uuid() });
