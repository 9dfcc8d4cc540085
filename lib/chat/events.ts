import { groupChannel, type RealtimeEvent, realtimeEvents } from "@/lib/realtime/channels";
import type { ChatMessageDto } from "./queries";

/**
 * Pusher refuses events over 10 KB. 4,000 characters of ASCII fit with room to spare, but 4,000
 * characters of, say, Chinese take 12,000 bytes: such a message goes out as a notice carrying its
 * seq, and clients fetch it with `messagesSince`, as after a reconnect.
 */
export const MAX_EVENT_BYTES = 9_000;

export type ChatMessageNotice = Pick<ChatMessageDto, "id" | "groupId" | "seq" | "operationKey"> & { tooLarge: true };
/** What `realtimeEvents.chatMessage` carries: the message, or (rarely) the notice to fetch it. */
export type ChatMessageEventData = ChatMessageDto | ChatMessageNotice;

/** The live event for a message's newest version; the sender reconciles its optimistic copy by `operationKey`. */
export function chatMessageEvent(message: ChatMessageDto): RealtimeEvent {
  const fits = Buffer.byteLength(JSON.stringify(message)) <= MAX_EVENT_BYTES;
  const { id, groupId, seq, operationKey } = message;
  const data: ChatMessageEventData = fits ? message : { id, groupId, seq, operationKey, tooLarge: true };
  return { channels: [groupChannel(groupId)], event: realtimeEvents.chatMessage, data };
}
