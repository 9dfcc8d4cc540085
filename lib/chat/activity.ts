import type { ChatMessageDto } from "./queries";

/**
 * One group's line in the bell: what is new in its chat for me at my level ("all": messages of
 * others; "mentions": admins' notes — mentions of me are notifications of my own). Derived from
 * the chat against my read mark (`lib/chat/unread.ts`), then kept live from the group's channel.
 */
export type ChatActivity = {
  groupId: string;
  groupName: string;
  /** The group's channel epoch, at which the bell listens. */
  epoch: number;
  level: "all" | "mentions";
  /** Messages after this are unread (my read mark, or when I joined). */
  lastReadAt: string;
  /** Up to `UNREAD_CAP`; shown as "99+" beyond 99. */
  unread: number;
  /** The newest unread message's author, Markdown body and time. */
  latest: { authorName: string; body: string; createdAt: string } | null;
};

/** Counts are shown up to this; beyond it "99+". */
export const SHOWN_COUNT_MAX = 99;

/** The server counts a chat's unread up to this (`UNREAD_CAP`); live counting stops there too. */
const COUNT_CAP = 100;

/**
 * The line after a message arrives live on the group's channel: a new one by someone else at my
 * level counts (once: `seen` holds the ids counted, for a message arrives again when edited); a
 * deleted one that was counted counts no more. Messages up to `counted` (the newest the line
 * already holds, or my read mark) are in the line's count already.
 */
export function withMessage(line: ChatActivity, message: ChatMessageDto, viewerId: string, seen: Set<string>): ChatActivity {
  if (message.deletedAt !== null) return seen.delete(message.id) ? { ...line, unread: Math.max(0, line.unread - 1) } : line;
  const counted = line.latest?.createdAt ?? line.lastReadAt;
  if (seen.has(message.id) || message.authorId === viewerId || message.createdAt <= counted) return line;
  if (line.level === "mentions" && !(message.byAdmin && message.kind === "note")) return line;
  seen.add(message.id);
  return {
    ...line,
    unread: Math.min(COUNT_CAP, line.unread + 1),
    latest: { authorName: message.authorName, body: message.body, createdAt: message.createdAt },
  };
}
