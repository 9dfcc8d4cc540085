import { describe, expect, it } from "vitest";
import { bellLines } from "./bell-lines";
import type { NotificationDto } from "./types";
import { notificationHref } from "./targets";

let clock = Date.parse("2026-12-07T12:00:00Z");
const notification = (
  type: NotificationDto["type"],
  groupId: string | null,
  readAt: string | null = null,
  payload = {},
): NotificationDto => ({
  key: `k${(clock -= 60_000)}`,
  type,
  payload: { groupName: "Wave", authorName: "Lena", excerpt: "…", messageId: `m${clock}`, ...payload },
  groupId,
  readAt,
  createdAt: new Date(clock).toISOString(),
});

describe("the bell's lines", () => {
  it("gathers unread chat news of one kind in one group into the line of its newest", () => {
    const answers = [notification("chat.answer", "g1"), notification("chat.answer", "g1")];
    const added = notification("group.added", "g2");
    const elsewhere = notification("chat.answer", "g2");
    const older = notification("chat.answer", "g1");
    const mention = notification("chat.mention", "g1");
    const read = notification("chat.answer", "g1", "2026-12-07T11:00:00Z");
    const lines = bellLines([...answers, added, elsewhere, older, mention, read]);
    expect(lines.map((line) => line.keys)).toEqual([
      [answers[0]!.key, answers[1]!.key, older.key],
      [added.key],
      [elsewhere.key],
      [mention.key],
      [read.key],
    ]);
    expect(lines[0]!.newest).toBe(answers[0]);
  });

  it("never gathers other kinds, even alike", () => {
    const lines = bellLines([notification("group.added", "g1"), notification("group.added", "g1")]);
    expect(lines).toHaveLength(2);
  });
});

describe("where a notification leads", () => {
  it("opens the message, the group, the assignment, the groups; a removal nowhere", () => {
    const mention = notification("chat.mention", "g1", null, { messageId: "m1" });
    expect(notificationHref(mention)).toBe("/groups/g1/chat?message=m1");
    expect(notificationHref(notification("group.added", "g1"))).toBe("/groups/g1");
    expect(notificationHref(notification("group.moved", "g2"))).toBe("/groups/g2");
    expect(notificationHref(notification("group.removed", "g1"))).toBeNull();
    expect(notificationHref(notification("assignment.reminder", null, null, { courseId: "c1" }))).toBe("/assignments?course=c1");
    expect(notificationHref(notification("hr.welcome", null))).toBe("/groups");
  });
});
