import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import { snapshotBucketOf } from "./buckets";

/** A calendar date, "YYYY-MM-DD". */
export type Day = string;

/**
 * Which days to roll up. `day`: that date in every company. `now`: each company's yesterday in its
 * default time zone, plus, up to `catchUpDays` back, the days a group has no row for yet (a missed run).
 */
export type RollupWhen = { day: Day } | { now: Date; catchUpDays?: number };

/** Narrows a run to one company or one group; the scheduler runs unscoped. */
export type RollupScope = { companyId?: string; groupId?: string };

/** The scheduler catches up at most a week of missed runs; older gaps stay gaps. */
export const CATCH_UP_DAYS = 7;

/**
 * The (group, day) pairs to compute, with the end of that day in the company's default time zone.
 * `days` is a set of (day, required) per company `c`; a day not required is only computed when the
 * group has no row for it. Groups without a linked course have no figures; a group counts from the
 * day it was created up to the day it was archived.
 */
function targets(days: SQL, scope: RollupScope): SQL {
  const company = scope.companyId ? sql`and g.company_id = ${scope.companyId}` : sql``;
  const group = scope.groupId ? sql`and g.id = ${scope.groupId}` : sql``;
  return sql`select g.id as group_id, g.company_id, g.course_id, d.day,
                    (d.day + 1)::timestamp at time zone c.default_time_zone as day_end
             from learning_groups g
             join companies c on c.id = g.company_id
             cross join lateral (${days}) d
             where g.course_id is not null ${company} ${group}
               and g.created_at < (d.day + 1)::timestamp at time zone c.default_time_zone
               and (g.archived_at is null or g.archived_at >= d.day::timestamp at time zone c.default_time_zone)
               and (d.required or not exists (select 1 from group_progress_daily x where x.group_id = g.id and x.day = d.day))`;
}

/**
 * One row of figures per target: the members that day by the ledger (their latest membership event
 * before the day's end is `added`) and, for each, their latest progress snapshot on or before the day
 * in the group's course (none: not started).
 */
function figures(targetSql: SQL): SQL {
  const bucket = snapshotBucketOf("s");
  return sql`with t as (${targetSql}),
      members as (
        select t.group_id, t.day, e.user_id
        from t cross join lateral (
          select distinct on (m.user_id) m.user_id, m.kind from membership_events m
          where m.company_id = t.company_id and m.group_id = t.group_id and m.at < t.day_end
          order by m.user_id, m.at desc, m.id desc
        ) e
        where e.kind = 'added'
      )
      select t.group_id, t.company_id, t.day, t.course_id,
             count(m.user_id)::int as members,
             coalesce(avg(coalesce(s.percent, 0)) filter (where m.user_id is not null), 0)::float8 as average_percent,
             (count(m.user_id) filter (where ${bucket} = 'done'))::int as done,
             (count(m.user_id) filter (where ${bucket} = 'halfway'))::int as halfway,
             (count(m.user_id) filter (where ${bucket} = 'notStarted'))::int as not_started
      from t
      left join members m on m.group_id = t.group_id and m.day = t.day
      left join lateral (
        select ps.percent, ps.lessons_done from progress_snapshots ps
        where ps.user_id = m.user_id and ps.course_id = t.course_id and ps.company_id = t.company_id and ps.day <= t.day
        order by ps.day desc limit 1
      ) s on true
      group by t.group_id, t.company_id, t.day, t.course_id`;
}

function daysOf(when: RollupWhen): SQL {
  if ("day" in when) return sql`select ${when.day}::date as day, true as required`;
  const back = Math.max(1, when.catchUpDays ?? 1);
  return sql`select (${when.now}::timestamptz at time zone c.default_time_zone)::date - k as day, k = 1 as required
             from generate_series(1, ${back}::int) k`;
}

/**
 * Writes the daily figures of every group with a linked course (or of `scope`) in one INSERT … SELECT.
 * Idempotent: a second run for a day overwrites its rows with the same figures, and overlapping runs
 * meet in ON CONFLICT rather than failing. Returns how many (group, day) rows were written.
 */
export async function rollupDay(db: DatabaseOrTransaction, when: RollupWhen, scope: RollupScope = {}): Promise<{ written: number }> {
  const rows = await queryRows<{ group_id: string }>(
    db,
    sql`insert into group_progress_daily (group_id, company_id, day, course_id, members, average_percent, done, halfway, not_started)
        select group_id, company_id, day, course_id, members, average_percent, done, halfway, not_started
        from (${figures(targets(daysOf(when), scope))}) f
        on conflict (group_id, day) do update set
          course_id = excluded.course_id, members = excluded.members, average_percent = excluded.average_percent,
          done = excluded.done, halfway = excluded.halfway, not_started = excluded.not_started
        returning group_id`,
  );
  return { written: rows.length };
}
