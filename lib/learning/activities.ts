import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import type { ActivityType, Badge } from "@/db/schema";

/**
 * The learning activity rows (activity_events: lessons completed, courses finished, badges, streaks)
 * that the feed shows and the live events announce (events.ts).
 */

/** An activity_events row as the statements that insert it return it. */
export type ActivityRow = {
  id: string;
  userId: string;
  type: ActivityType;
  courseId: string;
  lessonId: string | null;
  badge: Badge | null;
  certificateId: string | null;
  payload: Record<string, unknown>;
  createdAt: Date;
};

/** The RETURNING clause of every insert into activity_events, shaped as `ActivityRow`. */
export const activityReturning = sql`returning id, user_id as "userId", type, course_id as "courseId", lesson_id as "lessonId",
  badge, certificate_id as "certificateId", payload, created_at as "createdAt"`;

export type NewActivity = {
  userId: string;
  type: ActivityType;
  courseId: string;
  lessonId?: string | null;
  payload: Record<string, unknown>;
  createdAt: Date;
};

/** Inserts events given by value (a completion's own, a streak milestone) in one statement. */
export async function insertActivities(
  tx: DatabaseOrTransaction,
  companyId: string,
  activities: readonly NewActivity[],
): Promise<ActivityRow[]> {
  if (activities.length === 0) return [];
  const values = activities.map(
    (a) =>
      sql`(${companyId}::uuid, ${a.userId}::uuid, ${a.type}::activity_type, ${a.courseId}::uuid, ${a.lessonId ?? null}::uuid,
           ${JSON.stringify(a.payload)}::jsonb, ${a.createdAt}::timestamptz)`,
  );
  return readActivities(
    tx,
    sql`insert into activity_events (company_id, user_id, type, course_id, lesson_id, payload, created_at)
        values ${sql.join(values, sql`, `)} ${activityReturning}`,
  );
}

/** Runs a statement that ends in `activityReturning`; drivers differ in how they hand back timestamps. */
export async function readActivities(tx: DatabaseOrTransaction, statement: SQL): Promise<ActivityRow[]> {
  const rows = await queryRows<ActivityRow>(tx, statement);
  return rows.map((row) => ({ ...row, createdAt: new Date(row.createdAt) }));
}
