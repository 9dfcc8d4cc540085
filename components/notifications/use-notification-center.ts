"use client";

import { useRouter } from "next/navigation";
import { useCallback, useRef, useState, useTransition } from "react";
import { useChannelEvent, useChannelResync } from "@/components/realtime/realtime-provider";
import { listNotificationsAction, markAllNotificationsReadAction, markNotificationReadAction } from "@/lib/notifications/actions";
import type { NotificationCursor } from "@/lib/notifications/queries";
import type { NotificationDto } from "@/lib/notifications/types";
import { realtimeEvents, userChannel } from "@/lib/realtime/channels";

type Loaded = { items: NotificationDto[]; nextCursor: NotificationCursor | null };

/**
 * The notification center's state: the unread count and the loaded pages, kept live from the
 * person's channel and refetched from the server whenever the subscription (re)starts.
 */
export function useNotificationCenter(userId: string, initialUnread: number) {
  const [unread, setUnread] = useState(initialUnread);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [failed, setFailed] = useState(false);
  const [pending, startTransition] = useTransition();
  const channel = userChannel(userId);
  // Live events and refreshes race: an event may arrive after a refresh that already counted it,
  // or before a refresh that was read just ahead of its commit. Ids settle both cases.
  const counted = useRef(new Set<string>());
  const arrivedDuringRefresh = useRef<NotificationDto[]>([]);

  const refresh = useCallback(() => {
    arrivedDuringRefresh.current = [];
    startTransition(async () => {
      const result = await listNotificationsAction({ cursor: null });
      if (!result.ok) return setFailed(true);
      setFailed(false);
      const ids = new Set(result.data.items.map((n) => n.key));
      const newest = result.data.items[0]?.createdAt ?? "";
      const missed = arrivedDuringRefresh.current.filter((n) => !ids.has(n.key) && n.createdAt >= newest).reverse();
      counted.current = new Set([...ids, ...missed.map((n) => n.key)]);
      setUnread(result.data.unread + missed.length);
      setLoaded({ items: [...missed, ...result.data.items], nextCursor: result.data.nextCursor });
    });
  }, []);

  const router = useRouter();
  useChannelEvent<NotificationDto>(channel, realtimeEvents.notificationCreated, (notification) => {
    arrivedDuringRefresh.current.push(notification);
    if (counted.current.has(notification.key)) return;
    counted.current.add(notification.key);
    // Joining or leaving a group changes what this page shows (home, the group page): re-render it.
    if (notification.type.startsWith("group.")) router.refresh();
    setUnread((count) => count + 1);
    setLoaded((current) =>
      current ? { ...current, items: [notification, ...current.items.filter((n) => n.key !== notification.key)] } : current,
    );
  });
  // Another tab marked something read: take the server's numbers.
  useChannelEvent(channel, realtimeEvents.notificationsRead, refresh);
  useChannelResync(channel, refresh);

  const loadMore = () => {
    if (!loaded?.nextCursor) return;
    const cursor = loaded.nextCursor;
    startTransition(async () => {
      const result = await listNotificationsAction({ cursor });
      if (!result.ok) return setFailed(true);
      setLoaded((current) => ({
        items: [...(current?.items ?? []), ...result.data.items],
        nextCursor: result.data.nextCursor,
      }));
    });
  };

  const markRead = (key: string) => {
    const target = loaded?.items.find((n) => n.key === key);
    if (!target || target.readAt) return;
    const readAt = new Date().toISOString();
    setLoaded((current) => (current ? { ...current, items: current.items.map((n) => (n.key === key ? { ...n, readAt } : n)) } : current));
    setUnread((count) => Math.max(0, count - 1));
    startTransition(async () => {
      const result = await markNotificationReadAction({ key, operationId: crypto.randomUUID() });
      if (!result.ok) refresh();
    });
  };

  const markAllRead = () => {
    const readAt = new Date().toISOString();
    setLoaded((current) => (current ? { ...current, items: current.items.map((n) => ({ ...n, readAt: n.readAt ?? readAt })) } : current));
    setUnread(0);
    startTransition(async () => {
      const result = await markAllNotificationsReadAction({ operationId: crypto.randomUUID() });
      if (!result.ok) refresh();
    });
  };

  return { unread, loaded, failed, pending, refresh, loadMore, markRead, markAllRead };
}
