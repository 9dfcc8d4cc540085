import "server-only";
import { currentTime } from "@/base/clock";
import { sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import type { Ctx } from "@/lib/auth/viewer";
import { type GroupAccess, granted } from "@/lib/group-access/access";
import type { GroupStatistics } from "./group";
import type { Day } from "./rollup";

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
 * The group's progress day by day: every stored day before today, then today's point live, for
 * the group's owner and the company's admins when it has a linked course (anyone else: not found).
 *
 * Today's point is the Statistics tab's own figures (the maintained row of the group's current members),
 * which the caller has read for the tab (`today`: one read per view, not two), not the
 * rollup's statement run for today: they agree by construction — the ledger's latest event for a
 * current member is `added`, and completeLesson writes today's snapshot from course_progress in the
 * same transaction — and the rollup's per-member snapshot lookup costs ~60 ms for 10,000 members,
 * where the figures are one row. The chart's last point then always equals the figures shown above it. An archived group's life has ended: it gets no live point.
 */
export async function getProgressOverTime(
  db: DatabaseOrTransaction,
  ctx: Ctx,
  access: GroupAccess,
  today: Promise<GroupStatistics>,
  now: Date = currentTime(),
): Promise<OverTimePoint[]> {
  const storedDays = async () => {
    const groupId = granted(ctx, access, "canSeeStatistics").groupId;
    return queryRows<Omit<OverTimePoint, "live"> & { today: Day; archived: boolean }>(
      db,
      sql`with g as (
          select g.id, g.company_id, g.archived_at is not null as archived,
                 (${now}::timestamptz at time zone c.default_time_zone)::date as today
          from learning_groups g join companies c on c.id = g.company_id
          where g.id = ${groupId} and g.company_id = ${ctx.companyId}
        )
        select to_char(g.today, 'YYYY-MM-DD') as today, g.archived, to_char(d.day, 'YYYY-MM-DD') as day, d.members,
               d.average_percent as "averagePercent", d.done, d.halfway, d.not_started as "notStarted"
        from g left join group_progress_daily d on d.group_id = g.id and d.company_id = g.company_id and d.day < g.today
        order by d.day`,
    );
  };
  // Both awaited together, so a refusal of either leaves neither unheard.
  const [statistics, rows] = await Promise.all([today, storedDays()]);
  const points: OverTimePoint[] = rows
    .filter((row) => row.day !== null)
    .map(({ day, members, averagePercent, done, halfway, notStarted }) => ({
      day,
      members,
      averagePercent,
      done,
      halfway,
      notStarted,
      live: false,
    }));
  const [first] = rows;
  if (first && !first.archived) {
    const { members, averagePercent, buckets } = statistics;
    points.push({
      day: first.today,
      members,
      averagePercent,
      done: buckets.done.count,
      halfway: buckets.halfway.count,
      notStarted: buckets.notStarted.count,
      live: true,
    });
  }
  return points;
}
