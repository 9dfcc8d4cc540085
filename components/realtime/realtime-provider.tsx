"use client";

import { createContext, type ReactNode, useContext, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { RealtimeConnection, type RealtimeClientConfig } from "./realtime-connection";

export type { RealtimeClientConfig } from "./realtime-connection";

const RealtimeContext = createContext<RealtimeConnection | null>(null);

export function RealtimeProvider({ config, children }: { config: RealtimeClientConfig; children: ReactNode }) {
  const [connection, setConnection] = useState<RealtimeConnection | null>(null);
  const { key, cluster, host, port, useTLS } = config;
  useEffect(() => {
    // Created after mount: the server render must never open a socket.
    const created = new RealtimeConnection({ key, cluster, host, port, useTLS });
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
  return useSyncExternalStore(connection?.onChange ?? noop, () => connection?.isDown() ?? false, () => false);
}

/** Calls `handler` for each `event` on `channelName` while mounted; the handler may change freely. */
export function useChannelEvent<T>(channelName: string | null, event: string, handler: (data: T) => void): void {
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
    return () => {
      channel.unbind(event, listener);
      connection.release(channelName);
    };
  }, [connection, channelName, event]);
}

/**
 * Calls `resync` each time the channel's subscription succeeds: after a drop, and also the first
 * time, since the page was rendered a moment before the socket listened. Pusher keeps no
 * history, so the page fetches any gap from the server.
 */
export function useChannelResync(channelName: string | null, resync: () => void): void {
  useChannelEvent(channelName, "pusher:subscription_succeeded", resync);
}
