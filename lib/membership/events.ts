import { announcementKey } from "@/lib/notifications/announcements";
import type { NotificationPayloads, NotificationType } from "@/lib/notifications/types";
import { notificationFanOut } from "@/lib/notifications/events";

/** The bell's event for each person a membership change notified (admins' removals and moves, HR's forms). */
export function fanOut<T extends NotificationType>(
  userIds: string[],
  notification: { key: string; type: T; payload: NotificationPayloads[T]; groupId: string | null; createdAt: Date },
) {
  return notificationFanOut(userIds, { ...notification, readAt: null, createdAt: notification.createdAt.toISOString() });
}

/** The bell's event for the people an add announced (`insertMembershipsSql`): the notice their memberships now carry. */
export function announceAdded(userIds: string[], added: { groupId: string; groupName: string; actorName: string; at: Date }) {
  return fanOut(userIds, {
    key: announcementKey(added.groupId),
    type: "group.added",
    payload: { groupName: added.groupName, actorName: added.actorName },
    groupId: added.groupId,
    createdAt: added.at,
  });
}
