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
  /** The newest unread message's author and Markdown body. */
  latest: { authorName: string; body: string } | null;
};

/** Counts are shown up to this; beyond it "99+". */
export const SHOWN_COUNT_MAX = 99;

export const shownCount = (count: number) => (count > SHOWN_COUNT_MAX ? `${SHOWN_COUNT_MAX}+` : String(count));

/** Whether a message arriving live is a new unread one of this line (not my own, not a change of an older one). */
export function countsAsUnread(activity: ChatActivity, message: ChatMessageDto, viewerId: string): boolean {
  if (message.authorId === viewerId || message.deletedAt !== null || message.createdAt <= activity.lastReadAt) return false;
  return activity.level === "all" || (message.byAdmin && message.kind === "note");
}
