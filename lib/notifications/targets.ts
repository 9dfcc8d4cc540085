import type { NotificationDto } from "./types";

/**
 * Where a notification leads: what it is about, as its reader opens it now. A chat notification opens
 * the message in its chat (`?message=`: its thread open, the message in view and highlighted), a
 * group's the group, an assignment's the assignment among the reader's own, a welcome the reader's
 * groups. A removal leads nowhere: the group is no longer theirs to open.
 */
export function notificationHref(notification: Pick<NotificationDto, "type" | "payload" | "groupId">): string | null {
  const { type, payload, groupId } = notification;
  switch (type) {
    case "group.added":
    case "group.moved":
    case "group.ownershipTaken":
      return groupId ? `/groups/${groupId}` : null;
    case "group.removed":
      return null;
    case "chat.mention":
    case "chat.answer":
    case "chat.question":
    case "chat.praise":
      return groupId && typeof payload.messageId === "string" ? `/groups/${groupId}/chat?message=${payload.messageId}` : null;
    case "assignment.assigned":
    case "assignment.reminder":
    case "assignment.overdue":
      return typeof payload.courseId === "string" ? `/assignments?course=${payload.courseId}` : "/assignments";
    case "hr.welcome":
      return "/groups";
  }
}
