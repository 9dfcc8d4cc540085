"use client";

import { useChannelEvent, useChannelResubscribed } from "@/components/realtime/realtime-provider";
import { useThrottledRefresh } from "@/components/realtime/use-throttled-refresh";
import { type PersonalNews, realtimeEvents, userChannel } from "@/lib/realtime/channels";

/**
 * Keeps "My assignments" current: an assignment created, completed or waived re-renders the list
 * from the server (a rule assigning many at once in one refresh), and so does a resubscription after
 * a drop, which covers what the socket missed.
 */
export function AssignmentsLiveRefresh({ userId }: { userId: string }) {
  const refresh = useThrottledRefresh();
  const channel = userChannel(userId);
  useChannelEvent<PersonalNews>(channel, realtimeEvents.news, (news) => {
    if (news.assignments) refresh();
  });
  useChannelResubscribed(channel, refresh);
  return null;
}
