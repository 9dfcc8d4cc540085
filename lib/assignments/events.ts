import { notificationFanOut } from "@/lib/notifications/events";
import { type PersonalNews, type RealtimeEvent, realtimeEvents, userChannel } from "@/lib/realtime/channels";
import type { AssignedRow, InsertMeta } from "./sql";

/** The key a batch gives each person's notification of one course: the same for everyone, so one event carries it. */
const notificationKey = (batchId: string, courseId: string) => `${batchId}:${courseId}`;

/** "Something about your assignments changed", on each person's own channel (merged with their other news when published). */
export function assignmentChanged(userIds: readonly string[]): RealtimeEvent[] {
  if (userIds.length === 0) return [];
  const news: PersonalNews = { notifications: [], assignments: true };
  return [{ channels: [...new Set(userIds)].map(userChannel), event: realtimeEvents.news, data: news }];
}

/**
 * The events for freshly assigned people: their notifications, one event per distinct notification
 * (a fixed date is one event for everyone; "N days after" differs only where learners' todays do), and
 * the assignments-changed event.
 */
export function assignedEvents(rows: readonly AssignedRow[], meta: InsertMeta): RealtimeEvent[] {
  const open = rows.filter((row) => row.status === "open");
  const byContent = new Map<string, { row: AssignedRow; userIds: string[] }>();
  for (const row of open) {
    const content = JSON.stringify([row.courseId, row.dueOn, row.actorName]);
    const entry = byContent.get(content) ?? { row, userIds: [] };
    entry.userIds.push(row.userId);
    byContent.set(content, entry);
  }
  const notifications = [...byContent.values()].map(({ row, userIds }) =>
    notificationFanOut(userIds, {
      key: notificationKey(meta.batchId, row.courseId),
      type: "assignment.assigned",
      payload: { courseTitle: row.courseTitle, courseId: row.courseId, dueOn: row.dueOn, actorName: row.actorName },
      groupId: null,
      readAt: null,
      createdAt: meta.now.toISOString(),
    }),
  );
  return [...notifications, ...assignmentChanged(open.map((row) => row.userId))];
}
