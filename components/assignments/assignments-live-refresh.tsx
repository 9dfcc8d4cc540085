"use client";

import { useRouter } from "next/navigation";
import { useChannelEvent, useChannelResync } from "@/components/realtime/realtime-provider";
import { realtimeEvents, userChannel } from "@/lib/realtime/channels";

/**
 * Keeps "My assignments" current: an assignment created, completed or waived re-renders the list
 * from the server, and every (re)subscription resyncs, which covers what a dropped socket missed.
 */
export function AssignmentsLiveRefresh({ userId }: { userId: string }) {
  const router = useRouter();
  const refresh = () => router.refresh();
  const channel = userChannel(userId);
  useChannelEvent(channel, realtimeEvents.assignmentChanged, refresh);
  useChannelResync(channel, refresh);
  return null;
}
