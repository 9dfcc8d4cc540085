import { groupChannel, realtimeEvents } from "@/lib/realtime/channels";

/*
 * Group membership primitives that several domains share (groups, membership, people, HR), below
 * all of them so that none imports a peer for them (see member-count.ts).
 */

/** A group's member list changed: whoever has its page open refetches it. */
export const membershipChanged = (groupId: string) => ({
  channels: [groupChannel(groupId)],
  event: realtimeEvents.membershipChanged,
  data: { groupId },
});
