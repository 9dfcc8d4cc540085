/** Channel names, the only place they are spelled. Pusher caps names at 164 characters; ours stay far below. */
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
/** An epoch as written in a name: a non-negative int4, without leading zeros, so each epoch has one name. */
const EPOCH = "0|[1-9][0-9]{0,9}";
const MAX_EPOCH = 2_147_483_647;

export const userChannel = (userId: string) => `private-user-${userId}`;

/**
 * A group's channels carry its epoch (`group_channel_epochs`): the names a browser subscribes to, and
 * the old names an epoch change is announced on. The channel-auth route lets a reader onto the
 * current epoch only, so whoever loses the right to read hears nothing more once it is raised.
 */
export const groupChannelAt = (groupId: string, epoch: number) => `private-group-${groupId}-e${epoch}`;
export const groupAdminChannelAt = (groupId: string, epoch: number) => `private-group-admin-${groupId}-e${epoch}`;

/**
 * What publishers address: the group's channel (or its admin channel) at the epoch current when the
 * event leaves, which `publish` looks up after the commit. Not a channel name (Pusher refuses the
 * colon), so it can never be sent as it is.
 */
export const groupChannel = (groupId: string) => `group:${groupId}`;
export const groupAdminChannel = (groupId: string) => `group-admin:${groupId}`;

/**
 * Also a publisher's target: the people one add brought into a group (its ledger batch), each on
 * their own channel. `publish` finds those with a page open after the commit, so an add of 100,000
 * never carries their ids (`realtime_batch_newcomers`, migration 0031).
 */
export const newcomersTarget = (groupId: string, batchId: string) => `newcomers:${groupId}:${batchId}`;

const newcomersPattern = new RegExp(`^newcomers:(${UUID}):(${UUID})$`);

/** The group and batch a newcomers target names; null for anything else. */
export function parseNewcomers(target: string): { groupId: string; batchId: string } | null {
  const match = newcomersPattern.exec(target);
  return match ? { groupId: match[1]!, batchId: match[2]! } : null;
}

export type ChannelRef =
  | { kind: "user"; userId: string }
  | { kind: "group"; groupId: string; epoch: number }
  | { kind: "group-admin"; groupId: string; epoch: number };

/** One pattern per kind of channel: a kind added to `ChannelRef` does not compile until it has its name here. */
const patterns: Record<ChannelRef["kind"], [RegExp, (match: RegExpExecArray) => ChannelRef]> = {
  user: [new RegExp(`^private-user-(${UUID})$`), (m) => ({ kind: "user", userId: m[1]! })],
  "group-admin": [
    new RegExp(`^private-group-admin-(${UUID})-e(${EPOCH})$`),
    (m) => ({ kind: "group-admin", groupId: m[1]!, epoch: Number(m[2]) }),
  ],
  group: [new RegExp(`^private-group-(${UUID})-e(${EPOCH})$`), (m) => ({ kind: "group", groupId: m[1]!, epoch: Number(m[2]) })],
};

/** Every kind of channel a browser may ask to join: the authorization matrix has a case for each. */
export const CHANNEL_KINDS = Object.keys(patterns) as ChannelRef["kind"][];

/** Parses a channel name from the browser; anything that is not exactly one of ours is null. */
export function parseChannel(name: string): ChannelRef | null {
  for (const [pattern, build] of Object.values(patterns)) {
    const match = pattern.exec(name);
    if (!match) continue;
    const channel = build(match);
    return channel.kind !== "user" && channel.epoch > MAX_EPOCH ? null : channel;
  }
  return null;
}

const targetPattern = new RegExp(`^(group|group-admin):(${UUID})$`);

/** The group a publisher's target names (`groupChannel`, `groupAdminChannel`); null for a channel name. */
export function parseTarget(target: string): { kind: "group" | "group-admin"; groupId: string } | null {
  const match = targetPattern.exec(target);
  return match ? { kind: match[1] as "group" | "group-admin", groupId: match[2]! } : null;
}

/** Event names per channel, shared by publisher and subscriber. */
export const realtimeEvents = {
  /**
   * On the person's own channel: all one delivery has for them, as one event (`PersonalNews`): their
   * new notifications, and whether their assignments changed. Merged at publishing (`mergeNews`), so
   * an add under an assignment rule sends each newcomer one event, not three.
   */
  news: "personal.news",
  /** On the person's own channel: notifications were read or chat levels changed elsewhere; the bell refetches. */
  notificationsChanged: "notifications.changed",
  /** On the person's own channel: they read a group's chat up to `lastReadAt` (`ChatReadData`); the bell's line for it empties. */
  chatRead: "chat.read",
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
  /**
   * On a group's channels of an epoch just left behind (`ChannelEpochData`): nothing more comes here;
   * readers move to the new epoch's channels after a random 0–2 s and resync.
   */
  channelEpoch: "channel.epoch",
} as const;

export type ChannelEpochData = { groupId: string; epoch: number };

/** A `news` event's data; `assignments`: one of theirs was created, completed or waived ("My assignments" refetches). */
export type PersonalNews<Notification = unknown> = { notifications: Notification[]; assignments: boolean };

export type ChatReadData = { groupId: string; lastReadAt: string };

/** One event for one or many channels (a fan-out sends the same data to every member's channel). */
export type RealtimeEvent = { channels: readonly string[]; event: string; data: unknown };

/** What a committed operation leaves for after the response: events, and people whose sockets must close. */
export type Delivery = {
  events?: readonly RealtimeEvent[];
  disconnectUsers?: readonly string[];
  /** Mail was queued in the outbox: send it now rather than at the scheduler's next run. */
  outbox?: boolean;
};

/** The groups whose current epoch `resolveTargets` needs. */
export function targetGroups(events: readonly RealtimeEvent[]): string[] {
  const ids = new Set<string>();
  for (const event of events)
    for (const channel of event.channels) {
      const target = parseTarget(channel);
      if (target) ids.add(target.groupId);
    }
  return [...ids];
}

/**
 * The events with each group target replaced by the channel's name at the group's epoch; a target
 * whose group has none (deleted meanwhile) is dropped, and so is an event left without channels.
 */
export function resolveTargets(events: readonly RealtimeEvent[], epochs: ReadonlyMap<string, number>): RealtimeEvent[] {
  const resolved: RealtimeEvent[] = [];
  for (const event of events) {
    const channels = event.channels.flatMap((channel) => {
      const target = parseTarget(channel);
      if (!target) return [channel];
      const epoch = epochs.get(target.groupId);
      if (epoch === undefined) return [];
      return [target.kind === "group" ? groupChannelAt(target.groupId, epoch) : groupAdminChannelAt(target.groupId, epoch)];
    });
    if (channels.length > 0) resolved.push({ ...event, channels });
  }
  return resolved;
}
