"use client";

import { useRouter } from "next/navigation";
import { useChannelEvent, useChannelResync } from "@/components/realtime/realtime-provider";
import { groupChannel, realtimeEvents } from "@/lib/realtime/channels";

/**
 * Keeps an open group page current: another admin's change to the members or the group
 * re-renders it from the server, and so does every (re)subscription, which covers a dropped socket.
 */
export function GroupLiveRefresh({ groupId }: { groupId: string }) {
  const router = useRouter();
  const channel = groupChannel(groupId);
  const refresh = () => router.refresh();
  useChannelEvent(channel, realtimeEvents.membershipChanged, refresh);
  useChannelEvent(channel, realtimeEvents.groupChanged, refresh);
  useChannelResync(channel, refresh);
  return null;
}
