"use client";

import { useRouter } from "next/navigation";
import { isReading } from "@/components/chat/reading";
import { useCallback, useEffect, useRef, useState, useTransition } from "react";
import { useChannelEvent, useChannelResync } from "@/components/realtime/realtime-provider";
import { type ChatActivity, withMessage } from "@/lib/chat/activity";
import type { ChatMessageEventData } from "@/lib/chat/events";
import type { ChatMessageDto } from "@/lib/chat/queries";
import { listNotificationsAction } from "@/lib/bell/actions";
import { markAllNotificationsReadAction, markNotificationReadAction } from "@/lib/notifications/actions";
import type { BellState } from "@/lib/bell/queries";
import type { NotificationCursor } from "@/lib/notifications/queries";
import type { NotificationDto } from "@/lib/notifications/types";
import { type ChatReadData, type PersonalNews, realtimeEvents, userChannel } from "@/lib/realtime/channels";

type Loaded = { items: NotificationDto[]; nextCursor: NotificationCursor | null };

/**
 * Subscriptions that succeed together (my channel and each group's, at a page load or after a drop)
 * resync with one refetch, this long after the last of them.
 */
const RESYNC_SETTLE_MS = 250;

/**
 * The notification center's state: my unread notifications and the loaded pages, kept live from my
 * channel, and each group chat's line, kept live from the group's channel (`GroupChatWatch`), all
 * refetched from the server when my channel's subscription (re)starts.
 */
export function useNotificationCenter(userId: string, initial: BellState) {
  const [unread, setUnread] = useState(initial.unread);
  const [chat, setChat] = useState<ChatActivity[]>(initial.chat);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [failed, setFailed] = useState(false);
  const [pending, startTransition] = useTransition();
  const channel = userChannel(userId);
  // Live events and refreshes race: an event may arrive after a refresh that already counted it,
  // or before a refresh that was read just ahead of its commit. Ids settle both cases.
  const counted = useRef(new Set<string>());
  const arrivedDuringRefresh = useRef<NotificationDto[]>([]);
  // The chat messages each line counted live (a message arrives again when edited or deleted), and
  // those that arrived while a refetch was on its way: its lines may or may not hold them.
  const countedMessages = useRef(new Map<string, Set<string>>());
  const chatDuringRefresh = useRef<ChatMessageDto[] | null>(null);

  /** The lines after a message on one of my groups' channels (see `withMessage`). */
  const applyMessage = useCallback(
    (lines: ChatActivity[], message: ChatMessageDto): ChatActivity[] => {
      const seen = countedMessages.current.get(message.groupId) ?? new Set<string>();
      countedMessages.current.set(message.groupId, seen);
      return lines.map((line) => (line.groupId === message.groupId ? withMessage(line, message, userId, seen) : line));
    },
    [userId],
  );

  const refresh = useCallback(() => {
    arrivedDuringRefresh.current = [];
    chatDuringRefresh.current = [];
    startTransition(async () => {
      const result = await listNotificationsAction({ cursor: null });
      const arrived = chatDuringRefresh.current ?? [];
      chatDuringRefresh.current = null;
      if (!result.ok) return setFailed(true);
      setFailed(false);
      const ids = new Set(result.data.items.map((n) => n.key));
      const newest = result.data.items[0]?.createdAt ?? "";
      const missed = arrivedDuringRefresh.current.filter((n) => !ids.has(n.key) && n.createdAt >= newest).reverse();
      counted.current = new Set([...ids, ...missed.map((n) => n.key)]);
      countedMessages.current = new Map();
      setUnread(result.data.unread + missed.length);
      setChat(arrived.reduce(applyMessage, result.data.chat));
      setLoaded({ items: [...missed, ...result.data.items], nextCursor: result.data.nextCursor });
    });
  }, [applyMessage]);

  const router = useRouter();
  useChannelEvent<PersonalNews<NotificationDto>>(channel, realtimeEvents.news, ({ notifications }) => {
    arrivedDuringRefresh.current.push(...notifications);
    const fresh = notifications.filter((notification) => !counted.current.has(notification.key));
    if (fresh.length === 0) return;
    for (const notification of fresh) counted.current.add(notification.key);
    // Joining or leaving a group changes what this page shows (home, the group page) and which
    // chats the bell hears: re-render the page and refetch the bell.
    if (fresh.some((notification) => notification.type.startsWith("group."))) {
      router.refresh();
      refresh();
    }
    setUnread((count) => count + fresh.length);
    setLoaded((current) => {
      if (!current) return current;
      const keys = new Set(fresh.map((notification) => notification.key));
      return { ...current, items: [...[...fresh].reverse(), ...current.items.filter((n) => !keys.has(n.key))] };
    });
  });
  // Another tab marked something read, or a level changed: take the server's numbers.
  useChannelEvent(channel, realtimeEvents.notificationsChanged, refresh);
  useChannelEvent<ChatReadData>(channel, realtimeEvents.chatRead, ({ groupId, lastReadAt }) => {
    countedMessages.current.delete(groupId);
    setChat((lines) =>
      lines.map((line) =>
        line.groupId === groupId && line.lastReadAt < lastReadAt ? { ...line, lastReadAt, unread: 0, latest: null } : line,
      ),
    );
  });
  // A first subscription resyncs too: the page was rendered a moment before the socket listened.
  const settle = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(settle.current), []);
  const resync = useCallback(() => {
    clearTimeout(settle.current);
    settle.current = setTimeout(refresh, RESYNC_SETTLE_MS);
  }, [refresh]);
  useChannelResync(channel, resync);

  /** A message on one of my groups' channels (`GroupChatWatch`). */
  const chatMessage = (data: ChatMessageEventData) => {
    // The chat this tab shows: read as it arrives (its page marks it), not news for the bell.
    if (isReading(data.groupId)) return;
    // Too large to travel: rare enough to refetch the bell for.
    if ("tooLarge" in data) return refresh();
    chatDuringRefresh.current?.push(data);
    setChat((lines) => applyMessage(lines, data));
  };

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

  /** Reads notifications: those of one bell line, opened or marked. */
  const markRead = (keys: readonly string[]) => {
    const unreadKeys = new Set(keys.filter((key) => loaded?.items.some((n) => n.key === key && n.readAt === null)));
    if (unreadKeys.size === 0) return;
    const readAt = new Date().toISOString();
    setLoaded((current) =>
      current ? { ...current, items: current.items.map((n) => (unreadKeys.has(n.key) ? { ...n, readAt } : n)) } : current,
    );
    setUnread((count) => Math.max(0, count - unreadKeys.size));
    startTransition(async () => {
      const results = await Promise.all(
        [...unreadKeys].map((key) => markNotificationReadAction({ key, operationId: crypto.randomUUID() })),
      );
      if (results.some((result) => !result.ok)) refresh();
    });
  };

  const markAllRead = () => {
    const readAt = new Date().toISOString();
    setLoaded((current) => (current ? { ...current, items: current.items.map((n) => ({ ...n, readAt: n.readAt ?? readAt })) } : current));
    setUnread(0);
    countedMessages.current = new Map();
    setChat((lines) => lines.map((line) => ({ ...line, unread: 0, latest: null, lastReadAt: readAt })));
    startTransition(async () => {
      const result = await markAllNotificationsReadAction({ operationId: crypto.randomUUID() });
      if (!result.ok) refresh();
    });
  };

  const total = unread + chat.reduce((sum, line) => sum + line.unread, 0);
  return { total, chat, loaded, failed, pending, refresh, resync, chatMessage, loadMore, markRead, markAllRead };
}
