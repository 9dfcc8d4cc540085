"use client";

import { createContext, type ReactNode, useContext, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { channelEpochAction } from "@/lib/group-access/actions";
import { type ChannelEpochData, groupAdminChannelAt, groupChannelAt, realtimeEvents } from "@/lib/realtime/channels";
import type { EpochSource } from "./group-epochs";
import type { RealtimeClientConfig } from "@/lib/realtime/client-config";
import { RealtimeConnection } from "./realtime-connection";

const RealtimeContext = createContext<RealtimeConnection | null>(null);

const currentEpoch: EpochSource = async (groupId) => {
  const result = await channelEpochAction({ groupId });
  return result.ok ? result.data : null;
};

export function RealtimeProvider({ config, children }: { config: RealtimeClientConfig; children: ReactNode }) {
  const [connection, setConnection] = useState<RealtimeConnection | null>(null);
  const { key, cluster, host, port, useTLS } = config;
  useEffect(() => {
    // Created after mount: the server render must never open a socket.
    const created = new RealtimeConnection({ key, cluster, host, port, useTLS }, { currentEpoch });
    const frame = requestAnimationFrame(() => setConnection(created));
    return () => {
      cancelAnimationFrame(frame);
      created.close();
      setConnection(null);
    };
  }, [key, cluster, host, port, useTLS]);
  return <RealtimeContext.Provider value={connection}>{children}</RealtimeContext.Provider>;
}

const noop = () => () => {};

export function useRealtimeDown(): boolean {
  const connection = useContext(RealtimeContext);
  return useSyncExternalStore(
    connection?.onChange ?? noop,
    () => connection?.isDown() ?? false,
    () => false,
  );
}

/**
 * Binds `handler` to `event` on `channelName` while mounted (the handler may change freely). With
 * `catchUp`, a channel that is already subscribed when the binding is made calls it once at once.
 */
function useBinding<T>(channelName: string | null, event: string, handler: (data: T) => void, catchUp: boolean): void {
  const connection = useContext(RealtimeContext);
  const handlerRef = useRef(handler);
  useEffect(() => {
    handlerRef.current = handler;
  });
  useEffect(() => {
    if (!connection || !channelName) return;
    const channel = connection.acquire(channelName);
    const listener = (data: T) => handlerRef.current(data);
    channel.bind(event, listener);
    if (catchUp && channel.subscribed) listener(undefined as T);
    return () => {
      channel.unbind(event, listener);
      connection.release(channelName);
    };
  }, [connection, channelName, event, catchUp]);
}

/** Calls `handler` for each `event` on `channelName` while mounted; the handler may change freely. */
export function useChannelEvent<T>(channelName: string | null, event: string, handler: (data: T) => void): void {
  useBinding(channelName, event, handler, false);
}

/**
 * Calls `handler` each time this hook's channel is subscribed: when the subscription succeeds, and
 * once at once when it binds to a channel another component of the page subscribed already (a
 * group's new epoch reaches the page's components in more than one render: the first to move
 * subscribes, and those after it would otherwise never hear of the success, nor of the events the
 * channel carried before they bound).
 */
function useChannelSubscribed(channelName: string | null, handler: () => void): void {
  useBinding(channelName, "pusher:subscription_succeeded", handler, true);
}

/**
 * Calls `resync` each time the channel's subscription succeeds: after a drop, and also the first
 * time, since the page was rendered a moment before the socket listened. Pusher keeps no history,
 * so the page fetches any gap from the server: for resyncs from a known point that cost one small
 * request (the chat's seq, the feed's newest event), never a re-render of the page.
 */
export function useChannelResync(channelName: string | null, resync: () => void): void {
  useChannelSubscribed(channelName, resync);
}

/**
 * Calls `handler` when the channel's subscription succeeds again after the first: after a drop, or
 * at a group's new epoch. What re-renders the page from the server uses this, so a first visit
 * renders once; the moment between the render and the first subscription is the price (a change
 * committed in it shows at the next event or visit).
 */
export function useChannelResubscribed(channelName: string | null, handler: () => void): void {
  const subscribedOnce = useRef(false);
  useChannelSubscribed(channelName, () => {
    if (subscribedOnce.current) handler();
    subscribedOnce.current = true;
  });
}

/**
 * The name of a group's channel (or of its admin channel) at the newest epoch this page knows,
 * starting from the one it was rendered with. Follows the group when its epoch moves on: announced
 * on the old channel (the move comes 0–2 s later), or found out from the server when a subscription
 * is refused. The new name's subscription then resyncs like any other.
 */
export function useGroupChannel(groupId: string, renderedEpoch: number, kind: "group" | "admin" = "group"): string {
  const connection = useContext(RealtimeContext);
  const epoch = useSyncExternalStore(
    connection?.epochs.onChange ?? noop,
    () => connection?.epochs.epochOf(groupId, renderedEpoch) ?? renderedEpoch,
    () => renderedEpoch,
  );
  const name = kind === "group" ? groupChannelAt(groupId, epoch) : groupAdminChannelAt(groupId, epoch);
  useChannelEvent<ChannelEpochData>(name, realtimeEvents.channelEpoch, (data) => {
    if (data.groupId === groupId) connection?.epochs.announced(groupId, data.epoch);
  });
  useChannelEvent(name, "pusher:subscription_error", () => connection?.epochs.refused(groupId, epoch));
  return name;
}
