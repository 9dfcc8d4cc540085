"use client";

import { useChannelEvent, useChannelResubscribed, useGroupChannel } from "@/components/realtime/realtime-provider";
import { useThrottledRefresh } from "@/components/realtime/use-throttled-refresh";
import { realtimeEvents } from "@/lib/realtime/channels";

/**
 * Keeps an open group page current: another admin's change to the members or the group re-renders
 * it from the server (at most once per interval: a bulk add of thousands announces itself in
 * batches), and so does a resubscription after a drop.
 */
export function GroupLiveRefresh({ groupId, channelEpoch }: { groupId: string; channelEpoch: number }) {
  const refresh = useThrottledRefresh();
  const channel = useGroupChannel(groupId, channelEpoch);
  useChannelEvent(channel, realtimeEvents.membershipChanged, refresh);
  useChannelEvent(channel, realtimeEvents.groupChanged, refresh);
  useChannelResubscribed(channel, refresh);
  return null;
}
