import { type PersonalNews, type RealtimeEvent, realtimeEvents, userChannel } from "@/lib/realtime/channels";
import type { NotificationDto } from "./types";

/** One live event carrying the same notification to every recipient's own channel (merged with their other news when published). */
export function notificationFanOut(userIds: readonly string[], notification: NotificationDto): RealtimeEvent {
  return notificationTo(userIds.map(userChannel), notification);
}

/** The same to personal channels or a target that `publish` turns into them (an add's newcomers). */
export function notificationTo(channels: readonly string[], notification: NotificationDto): RealtimeEvent {
  const news: PersonalNews<NotificationDto> = { notifications: [notification], assignments: false };
  return { channels, event: realtimeEvents.news, data: news };
}

/** Tells the person's open pages that their bell changed elsewhere (read in another tab, a level set): each refetches it. */
export function bellChanged(userId: string, data: unknown = {}): RealtimeEvent {
  return { channels: [userChannel(userId)], event: realtimeEvents.notificationsChanged, data };
}
