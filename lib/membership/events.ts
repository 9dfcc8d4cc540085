import { announcementKey } from "@/lib/notifications/announcements";
import { notificationFanOut, notificationTo } from "@/lib/notifications/events";
import type { NotificationPayloads, NotificationType } from "@/lib/notifications/types";
import { newcomersTarget } from "@/lib/realtime/channels";

/** The bell's event for each person a membership change notified (admins' removals and moves, HR's forms). */
export function fanOut<T extends NotificationType>(
  userIds: string[],
  notification: { key: string; type: T; payload: NotificationPayloads[T]; groupId: string | null; createdAt: Date },
) {
  return notificationFanOut(userIds, { ...notification, readAt: null, createdAt: notification.createdAt.toISOString() });
}

/**
 * The bell's event for the people an add announced (`insertMembershipsSql`): the notice their
 * memberships now carry, to the add's newcomers as `publish` finds them online after the commit.
 */
export function announceAdded(added: { groupId: string; batchId: string; groupName: string; actorName: string; at: Date }) {
  return notificationTo([newcomersTarget(added.groupId, added.batchId)], {
    key: announcementKey(added.groupId),
    type: "group.added",
    payload: { groupName: added.groupName, actorName: added.actorName },
    groupId: added.groupId,
    readAt: null,
    createdAt: added.at.toISOString(),
  });
}
