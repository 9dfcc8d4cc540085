"use client";

import { useRouter } from "next/navigation";
import { useChannelEvent, useChannelResync, useGroupChannel } from "@/components/realtime/realtime-provider";
import { realtimeEvents } from "@/lib/realtime/channels";

/**
 * Keeps an open group page current: another admin's change to the members or the group
 * re-renders it from the server, and so does every (re)subscription, which covers a dropped socket.
 */
export function GroupLiveRefresh({ groupId, channelEpoch }: { groupId: string; channelEpoch: number }) {
  const router = useRouter();
  const channel = useGroupChannel(groupId, channelEpoch);
  const refresh = () => router.refresh();
  useChannelEvent(channel, realtimeEvents.membershipChanged, refresh);
  useChannelEvent(channel, realtimeEvents.groupChanged, refresh);
  useChannelResync(channel, refresh);
  return null;
}
