/** Channel names, the only place they are spelled. Pusher caps names at 164 characters; ours stay far below. */
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

export const userChannel = (userId: string) => `private-user-${userId}`;
export const groupChannel = (groupId: string) => `private-group-${groupId}`;
export const groupAdminChannel = (groupId: string) => `private-group-admin-${groupId}`;

export type ChannelRef =
  | { kind: "user"; userId: string }
  | { kind: "group"; groupId: string }
  | { kind: "group-admin"; groupId: string };

const patterns: [RegExp, (id: string) => ChannelRef][] = [
  [new RegExp(`^private-user-(${UUID})$`), (userId) => ({ kind: "user", userId })],
  [new RegExp(`^private-group-admin-(${UUID})$`), (groupId) => ({ kind: "group-admin", groupId })],
  [new RegExp(`^private-group-(${UUID})$`), (groupId) => ({ kind: "group", groupId })],
];

/** Parses a channel name from the browser; anything that is not exactly one of ours is null. */
export function parseChannel(name: string): ChannelRef | null {
  for (const [pattern, build] of patterns) {
    const match = pattern.exec(name);
    if (match?.[1]) return build(match[1]);
  }
  return null;
}

/** Event names per channel, shared by publisher and subscriber. */
export const realtimeEvents = {
  notificationCreated: "notification.created",
  notificationsRead: "notifications.read",
  membershipChanged: "membership.changed",
  groupChanged: "group.changed",
  /** A learner's activity event on the group's linked course (the group feed). */
  activityCreated: "activity.created",
  /**
   * A chat message at its newest version (created, edited, deleted or marked answered), with its seq:
   * clients keep the highest seq of each message.
   */
  chatMessage: "chat.message",
  /** On the group's admin channel: a member's progress in the linked course changed; the figures refetch. */
  statisticsChanged: "statistics.changed",
  /** On the person's own channel: one of their assignments was created, completed or waived; "My assignments" refetches. */
  assignmentChanged: "assignment.changed",
} as const;

/** One event for one or many channels (a fan-out sends the same data to every member's channel). */
export type RealtimeEvent = { channels: readonly string[]; event: string; data: unknown };

/** What a committed operation leaves for after the response: events, and people whose sockets must close. */
export type Delivery = {
  events?: readonly RealtimeEvent[];
  disconnectUsers?: readonly string[];
  /** Mail was queued in the outbox: send it now rather than at the scheduler's next run. */
  outbox?: boolean;
};
