import type { NotificationPayloads, NotificationType } from "@/lib/notifications/types";
import { notificationFanOut } from "@/lib/notifications/events";

/** The bell's event for each person a membership change notified (admins' adds, removals and moves, HR's forms and import). */
export function fanOut<T extends NotificationType>(
  userIds: string[],
  notification: { key: string; type: T; payload: NotificationPayloads[T]; groupId: string | null; createdAt: Date },
) {
  return notificationFanOut(userIds, { ...notification, readAt: null, createdAt: notification.createdAt.toISOString() });
}
