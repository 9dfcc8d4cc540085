"use client";

import { useChannelEvent, useChannelResync, useGroupChannel } from "@/components/realtime/realtime-provider";
import type { ChatMessageEventData } from "@/lib/chat/events";
import { realtimeEvents } from "@/lib/realtime/channels";

/**
 * The bell listening to one of my groups' chats, on the group's own channel at its epoch: a post
 * is one event to the group, however many members, and each member's bell counts it (see
 * docs/architecture.md, "The bell"). A removal raises the epoch, and the removed person's bell
 * hears nothing more. Each subscription resyncs the bell (the first too: the page or the line came
 * a moment before the socket listened); the bell makes one refetch of all that succeed together.
 */
export function GroupChatWatch({
  groupId,
  epoch,
  onMessage,
  onResync,
}: {
  groupId: string;
  epoch: number;
  onMessage: (data: ChatMessageEventData) => void;
  onResync: () => void;
}) {
  const channel = useGroupChannel(groupId, epoch);
  useChannelEvent(channel, realtimeEvents.chatMessage, onMessage);
  useChannelResync(channel, onResync);
  return null;
}
