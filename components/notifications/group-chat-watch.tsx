"use client";

import { useRef } from "react";
import { useChannelEvent, useGroupChannel } from "@/components/realtime/realtime-provider";
import type { ChatMessageEventData } from "@/lib/chat/events";
import { realtimeEvents } from "@/lib/realtime/channels";

/**
 * The bell listening to one of my groups' chats, on the group's own channel at its epoch: a post
 * is one event to the group, however many members, and each member's bell counts it (see
 * docs/architecture.md, "The bell"). A removal raises the epoch, and the removed person's bell
 * hears nothing more. After a drop, the bell refetches what it missed; so it does at the first
 * subscription of a line the page was not rendered with (a group joined or unmuted since), whose
 * fetch came before the socket listened.
 */
export function GroupChatWatch({
  groupId,
  epoch,
  rendered,
  onMessage,
  onResync,
}: {
  groupId: string;
  epoch: number;
  /** The line came with the page's render: its first subscription needs no refetch. */
  rendered: boolean;
  onMessage: (data: ChatMessageEventData) => void;
  onResync: () => void;
}) {
  const channel = useGroupChannel(groupId, epoch);
  const skipNext = useRef(rendered);
  useChannelEvent(channel, realtimeEvents.chatMessage, onMessage);
  useChannelEvent(channel, "pusher:subscription_succeeded", () => {
    if (!skipNext.current) onResync();
    skipNext.current = false;
  });
  return null;
}
