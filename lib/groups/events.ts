import { groupChannel, type RealtimeEvent, realtimeEvents } from "@/lib/realtime/channels";

/** A change to the group itself (not its members), for whoever has its page open. */
export const groupChanged = (groupId: string, change: string): RealtimeEvent => ({
  channels: [groupChannel(groupId)],
  event: realtimeEvents.groupChanged,
  data: { groupId, change },
});
