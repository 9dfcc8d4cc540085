import { type RealtimeEvent, realtimeEvents, userChannel } from "@/lib/realtime/channels";
import type { NotificationDto } from "./types";

/** One live event carrying the same notification to every recipient's own channel. */
export function notificationFanOut(userIds: readonly string[], notification: NotificationDto): RealtimeEvent {
  return { channels: userIds.map(userChannel), event: realtimeEvents.notificationCreated, data: notification };
}
