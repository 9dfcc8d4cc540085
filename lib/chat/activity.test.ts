import { describe, expect, it } from "vitest";
import { type ChatActivity, withMessage } from "./activity";
import type { ChatMessageDto } from "./queries";

const line: ChatActivity = {
  groupId: "g",
  groupName: "Wave 3",
  epoch: 0,
  level: "all",
  lastReadAt: "2026-12-06T10:00:00.000Z",
  unread: 1,
  latest: { authorName: "Ben", body: "First", createdAt: "2026-12-06T10:05:00.000Z" },
};

const message = (overrides: Partial<ChatMessageDto>): ChatMessageDto =>
  ({
    id: "m",
    groupId: "g",
    authorId: "ben",
    authorName: "Ben",
    kind: "note",
    body: "Hello",
    byAdmin: false,
    createdAt: "2026-12-06T10:06:00.000Z",
    deletedAt: null,
    ...overrides,
  }) as ChatMessageDto;

describe("a bell's chat line as messages arrive live", () => {
  it("counts a new message of someone else once, however often it arrives, and not what the line already holds", () => {
    const seen = new Set<string>();
    const once = withMessage(line, message({}), "me", seen);
    expect(once).toMatchObject({ unread: 2, latest: { body: "Hello", createdAt: "2026-12-06T10:06:00.000Z" } });
    expect(withMessage(once, message({ body: "Hello, edited" }), "me", seen).unread).toBe(2);
    expect(withMessage(line, message({ id: "old", createdAt: "2026-12-06T10:04:00.000Z" }), "me", new Set()).unread).toBe(1);
    expect(withMessage(line, message({ authorId: "me" }), "me", new Set()).unread).toBe(1);
  });

  it("takes a counted message back when it is deleted", () => {
    const seen = new Set<string>();
    const counted = withMessage(line, message({}), "me", seen);
    expect(withMessage(counted, message({ deletedAt: "2026-12-06T10:07:00.000Z" }), "me", seen).unread).toBe(1);
  });

  it("at the level mentions counts admins' notes only, and stops at the cap", () => {
    const mentions = { ...line, level: "mentions" as const };
    expect(withMessage(mentions, message({}), "me", new Set()).unread).toBe(1);
    expect(withMessage(mentions, message({ byAdmin: true }), "me", new Set()).unread).toBe(2);
    expect(withMessage({ ...line, unread: 100 }, message({}), "me", new Set()).unread).toBe(100);
  });
});
