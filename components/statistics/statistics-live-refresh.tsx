"use client";

import { useChannelEvent, useChannelResubscribed, useGroupChannel } from "@/components/realtime/realtime-provider";
import { useThrottledRefresh } from "@/components/realtime/use-throttled-refresh";
import { realtimeEvents } from "@/lib/realtime/channels";

/**
 * Keeps the Statistics tab current: a member's completion re-renders the figures from the server,
 * throttled (a busy group completes many lessons a second), and so does a resubscription after a
 * drop, which covers what the socket missed.
 */
export function StatisticsLiveRefresh({ groupId, channelEpoch }: { groupId: string; channelEpoch: number }) {
  const refresh = useThrottledRefresh();
  const channel = useGroupChannel(groupId, channelEpoch, "admin");
  useChannelEvent(channel, realtimeEvents.statisticsChanged, refresh);
  useChannelResubscribed(channel, refresh);
  return null;
}
