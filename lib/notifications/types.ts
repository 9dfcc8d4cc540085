/**
 * A chat message's notification for a person it concerns: the most specific of the chat types applies.
 * The rest of the chat reaches the bell as a summary per group (`ChatActivity`), not as rows.
 */
export type ChatNotificationPayload = { groupName: string; authorName: string; excerpt: string; messageId: string };

/** Every notification type and the values its sentence in the catalogue (`notifications.types.*`) needs. */
export type NotificationPayloads = {
  "group.added": { groupName: string; actorName: string };
  "group.removed": { groupName: string; actorName: string };
  "group.moved": { fromGroupName: string; groupName: string; actorName: string };
  /** To the previous owner: another admin took ownership of their group. */
  "group.ownershipTaken": { groupName: string; actorName: string };
  "chat.mention": ChatNotificationPayload;
  "chat.answer": ChatNotificationPayload;
  "chat.question": ChatNotificationPayload;
  "chat.praise": ChatNotificationPayload;
  /** A mandatory course was assigned (`dueOn` is the deadline date, YYYY-MM-DD, ending 23:59 local). */
  "assignment.assigned": { courseTitle: string; courseId: string; dueOn: string; actorName: string };
  /** A reminder before the deadline; `days` until it. */
  "assignment.reminder": { courseTitle: string; courseId: string; dueOn: string; days: number };
  /** The deadline passed; `days` since it. */
  "assignment.overdue": { courseTitle: string; courseId: string; dueOn: string; days: number };
  /** HR's new hire: one welcome listing the groups joined and the mandatory courses (names quoted and joined). */
  "hr.welcome": { groups: string; groupCount: number; courses: string; courseCount: number };
};
export type NotificationType = keyof NotificationPayloads;

export type NewNotification = {
  [T in NotificationType]: {
    companyId: string;
    userId: string;
    groupId?: string | null;
    /** Defaults to a fresh one; a fan-out gives every recipient the operation's batch id. */
    key?: string;
    type: T;
    payload: NotificationPayloads[T];
  };
}[NotificationType];

/** What the browser receives, live or listed; `key` is its identity (see the table's comment). */
export type NotificationDto = {
  key: string;
  type: NotificationType;
  payload: Record<string, string | number | null>;
  groupId: string | null;
  readAt: string | null;
  createdAt: string;
};
