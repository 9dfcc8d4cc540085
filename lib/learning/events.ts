import "server-only";
import { sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import type { ActivityType, Badge } from "@/db/schema";
import { uuidArray } from "@/db/sql";
import { groupAdminChannel, groupChannel, type RealtimeEvent, realtimeEvents } from "@/lib/realtime/channels";
import type { ActivityRow } from "./activities";

/**
 * What a group's feed receives for one event: small (Pusher caps events at 10 KB), and complete
 * enough to render the entry without a request; clients that missed it resync from the database.
 */
export type ActivityMessage = {
  id: string;
  type: ActivityType;
  createdAt: string;
  userId: string;
  userName: string;
  courseId: string;
  lessonId: string | null;
  lessonTitle: string | null;
  score: number | null;
  badge: Badge | null;
  certificateId: string | null;
  serial: string | null;
  streakDays: number | null;
};

const payloadText = (row: ActivityRow, key: string) => (typeof row.payload[key] === "string" ? (row.payload[key] as string) : null);
const payloadNumber = (row: ActivityRow, key: string) => (typeof row.payload[key] === "number" ? (row.payload[key] as number) : null);

export function activityMessage(row: ActivityRow, userName: string): ActivityMessage {
  return {
    id: row.id,
    type: row.type,
    createdAt: row.createdAt.toISOString(),
    userId: row.userId,
    userName,
    courseId: row.courseId,
    lessonId: row.lessonId,
    lessonTitle: payloadText(row, "lessonTitle"),
    score: payloadNumber(row, "score"),
    badge: row.badge,
    certificateId: row.certificateId,
    serial: payloadText(row, "serial"),
    streakDays: payloadNumber(row, "days"),
  };
}

/**
 * The realtime events for committed activity: each goes to every active group of the company that
 * is linked to the event's course and in which its learner is a member now. One query however many
 * events; run it inside the transaction, so the membership read is the one the events committed with.
 * Each completed lesson also tells those groups' admin channels, once per group, that their
 * statistics changed (the other activities of a completion move no figure of their own).
 */
export async function activityFanOut(
  tx: DatabaseOrTransaction,
  companyId: string,
  activities: readonly ActivityRow[],
): Promise<RealtimeEvent[]> {
  if (activities.length === 0) return [];
  const userIds = [...new Set(activities.map((a) => a.userId))];
  const courseIds = [...new Set(activities.map((a) => a.courseId))];
  const audiences = await queryRows<{ groupId: string; courseId: string; userId: string; userName: string }>(
    tx,
    sql`select g.id as "groupId", g.course_id as "courseId", m.user_id as "userId", u.name as "userName"
        from learning_groups g
        join group_members m on m.group_id = g.id and m.user_id = any(${uuidArray(userIds)})
        join users u on u.id = m.user_id
        where g.company_id = ${companyId} and g.archived_at is null and g.course_id = any(${uuidArray(courseIds)})`,
  );
  return activities.flatMap((activity) => {
    const audience = audiences.filter((a) => a.userId === activity.userId && a.courseId === activity.courseId);
    if (audience.length === 0) return [];
    const feed: RealtimeEvent = {
      channels: audience.map((a) => groupChannel(a.groupId)),
      event: realtimeEvents.activityCreated,
      data: activityMessage(activity, audience[0]!.userName),
    };
    if (activity.type !== "lesson_completed") return [feed];
    const statistics: RealtimeEvent = {
      channels: audience.map((a) => groupAdminChannel(a.groupId)),
      event: realtimeEvents.statisticsChanged,
      data: { courseId: activity.courseId },
    };
    return [feed, statistics];
  });
}
