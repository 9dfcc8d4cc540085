/** Every notification type and the values its sentence in the catalogue (`notifications.types.*`) needs. */
export type NotificationPayloads = {
  "group.added": { groupName: string; actorName: string };
  "group.removed": { groupName: string; actorName: string };
};
export type NotificationType = keyof NotificationPayloads;

export type NewNotification = {
  [T in NotificationType]: {
    companyId: string;
    userId: string;
    groupId?: string | null;
    type: T;
    payload: NotificationPayloads[T];
  };
}[NotificationType];

/** What the browser receives, live or listed. */
export type NotificationDto = {
  id: string;
  type: NotificationType;
  payload: Record<string, string | number | null>;
  groupId: string | null;
  readAt: string | null;
  createdAt: string;
};
