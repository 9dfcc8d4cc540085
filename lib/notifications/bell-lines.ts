import type { NotificationDto, NotificationType } from "./types";

/** One line of the bell: a notification, or several alike shown as one ("3 new answers…"). */
export type BellLine = {
  /** The newest of the line's notifications: its sentence (alone) and where the line leads. */
  newest: NotificationDto;
  /** Every notification the line stands for, newest first: opening the line reads them all. */
  keys: string[];
};

/** Chat news comes in runs (answers to one's questions, mentions, praise, questions in one group). */
export const GROUPED_TYPES = ["chat.mention", "chat.answer", "chat.question", "chat.praise"] as const satisfies readonly NotificationType[];
export type GroupedType = (typeof GROUPED_TYPES)[number];

export const isGrouped = (type: NotificationType): type is GroupedType => (GROUPED_TYPES as readonly NotificationType[]).includes(type);

/**
 * The bell's lines, newest first: unread chat notifications of one kind in one group become one line
 * where the newest of them stands; everything else (read ones too) keeps a line of its own.
 */
export function bellLines(notifications: readonly NotificationDto[]): BellLine[] {
  const lines: BellLine[] = [];
  const runs = new Map<string, BellLine>();
  for (const notification of notifications) {
    const run = isGrouped(notification.type) && notification.readAt === null ? `${notification.type}:${notification.groupId}` : null;
    const line = run === null ? undefined : runs.get(run);
    if (line) {
      line.keys.push(notification.key);
      continue;
    }
    const fresh = { newest: notification, keys: [notification.key] };
    lines.push(fresh);
    if (run !== null) runs.set(run, fresh);
  }
  return lines;
}
