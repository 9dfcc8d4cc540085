import { sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import type { Ctx } from "@/lib/auth/viewer";
import { notFound } from "@/lib/errors";
import { getGroupAccess } from "@/lib/groups/access";
import { type Day, liveDay } from "./rollup";

export type OverTimePoint = {
  day: Day;
  members: number;
  averagePercent: number;
  done: number;
  halfway: number;
  notStarted: number;
  /** Today's point, computed on request; the others were stored by the scheduler. */
  live: boolean;
};

/**
 * The group's progress day by day: every stored day before today, then today computed live. For the
 * group's owner and the company's admins, when the group has a linked course; anyone else gets not found.
 */
export async function getProgressOverTime(
  db: DatabaseOrTransaction,
  ctx: Ctx,
  groupId: string,
  now: Date = new Date(),
): Promise<OverTimePoint[]> {
  const access = await getGroupAccess(db, ctx, groupId);
  if (!access?.canSeeStatistics) throw notFound();
  const [group] = await queryRows<{ courseId: string | null }>(
    db,
    sql`select course_id as "courseId" from learning_groups where id = ${groupId} and company_id = ${ctx.companyId}`,
  );
  if (!group?.courseId) throw notFound();
  const [stored, today] = await Promise.all([
    queryRows<Omit<OverTimePoint, "live">>(
      db,
      sql`select to_char(d.day, 'YYYY-MM-DD') as day, d.members, d.average_percent as "averagePercent",
                 d.done, d.halfway, d.not_started as "notStarted"
          from group_progress_daily d join companies c on c.id = d.company_id
          where d.group_id = ${groupId} and d.company_id = ${ctx.companyId}
            and d.day < (${now}::timestamptz at time zone c.default_time_zone)::date
          order by d.day`,
    ),
    liveDay(db, groupId, ctx.companyId, now),
  ]);
  const points: OverTimePoint[] = stored.map((point) => ({ ...point, live: false }));
  if (today) {
    const { day, members, averagePercent, done, halfway, notStarted } = today;
    points.push({ day, members, averagePercent, done, halfway, notStarted, live: true });
  }
  return points;
}
