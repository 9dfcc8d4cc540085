"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { useChannelEvent, useChannelResync, useGroupChannel } from "@/components/realtime/realtime-provider";
import { realtimeEvents } from "@/lib/realtime/channels";

/** A busy group completes many lessons a second: the figures re-render at most this often. */
export const REFRESH_INTERVAL_MS = 2000;

/**
 * Keeps the Statistics tab current: a member's completion re-renders the figures from the server,
 * throttled (the first change shows at once, a burst after it in one refresh at the interval's end),
 * and every (re)subscription resyncs, which covers a dropped socket.
 */
export function StatisticsLiveRefresh({ groupId, channelEpoch }: { groupId: string; channelEpoch: number }) {
  const router = useRouter();
  const last = useRef(0);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (pending.current) clearTimeout(pending.current);
    },
    [],
  );
  const refresh = () => {
    if (pending.current) return;
    const wait = Math.max(0, last.current + REFRESH_INTERVAL_MS - Date.now());
    pending.current = setTimeout(() => {
      pending.current = null;
      last.current = Date.now();
      router.refresh();
    }, wait);
  };
  const channel = useGroupChannel(groupId, channelEpoch, "admin");
  useChannelEvent(channel, realtimeEvents.statisticsChanged, refresh);
  useChannelResync(channel, refresh);
  return null;
}
