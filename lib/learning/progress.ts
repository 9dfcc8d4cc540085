import "server-only";
import { sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import { uuidArray } from "@/db/sql";

export type ProgressScope = { companyId: string; courseId: string; userIds?: readonly string[] };

/**
 * Recomputes course_progress from the completions, for one learner (a completion) or for everyone
 * who has progress in the course (a re-import): one statement either way.
 *
 * - lessons_done counts completions of the course's current lessons; retired lessons keep their
 *   completions but leave the course and its percent.
 * - percent is rounded down, so 100 means every current lesson is done.
 * - score is the average over the scored current lessons (null without any).
 * - completed_at is set when every current lesson is done, to the moment the last of them was.
 *   Decision taken for the whole product: once set it stays set, and percent stays 100 — a course
 *   someone finished stays finished, even when a re-import adds lessons to it.
 *
 * With `snapshotDay` (a completion), the same statement records the refreshed rows as that day's
 * progress snapshot (`progress_snapshots`, the statistics' over-time figures): one round trip for both.
 *
 * Returns who finished by this refresh (completed_at was null before it), for `finishCourse`, and
 * each refreshed learner's percent.
 */
export async function refreshCourseProgress(
  tx: DatabaseOrTransaction,
  scope: ProgressScope,
  now: Date,
  snapshotDay?: string,
): Promise<{ newlyFinished: string[]; refreshed: number; percents: Record<string, number> }> {
  const { companyId, courseId, userIds } = scope;
  const forUsers = userIds ? sql`and user_id = any(${uuidArray(userIds)})` : sql``;
  const snapshot = snapshotDay
    ? sql`, snapshot as (
          insert into progress_snapshots (company_id, user_id, course_id, day, lessons_done, percent, score)
          select ${companyId}, user_id, ${courseId}, ${snapshotDay}::date, lessons_done, percent, score from upserted
          on conflict (user_id, course_id, day) do update
            set lessons_done = excluded.lessons_done, percent = excluded.percent, score = excluded.score
        )`
    : sql``;
  const rows = await queryRows<{ user_id: string; finished: boolean; percent: number }>(
    tx,
    sql`with total as (
        select count(*)::int as n from lessons
        where company_id = ${companyId} and course_id = ${courseId} and retired_at is null
      ),
      learners as (
        select user_id from lesson_completions where company_id = ${companyId} and course_id = ${courseId} ${forUsers}
        union
        select user_id from course_progress where company_id = ${companyId} and course_id = ${courseId} ${forUsers}
      ),
      done as (
        select c.user_id,
               (count(*) filter (where l.retired_at is null))::int as lessons_done,
               round(avg(c.score) filter (where l.retired_at is null))::int as score,
               max(c.completed_at) filter (where l.retired_at is null) as last_current_at,
               max(c.completed_at) as last_at
        from lesson_completions c join lessons l on l.id = c.lesson_id
        where c.company_id = ${companyId} and c.course_id = ${courseId} ${forUsers}
        group by c.user_id
      ),
      before as (
        select user_id, completed_at from course_progress
        where company_id = ${companyId} and course_id = ${courseId} ${forUsers}
      ),
      upserted as (
        insert into course_progress (company_id, user_id, course_id, lessons_done, percent, score, last_activity_at, completed_at)
        select ${companyId}, p.user_id, ${courseId}, coalesce(d.lessons_done, 0),
               case when t.n = 0 then 0 else (100 * coalesce(d.lessons_done, 0) / t.n) end,
               d.score, coalesce(d.last_at, ${now}::timestamptz),
               case when t.n > 0 and d.lessons_done = t.n then d.last_current_at end
        from learners p cross join total t left join done d on d.user_id = p.user_id
        on conflict (user_id, course_id) do update set
          lessons_done = excluded.lessons_done,
          percent = case when course_progress.completed_at is null then excluded.percent else 100 end,
          score = excluded.score,
          last_activity_at = greatest(course_progress.last_activity_at, excluded.last_activity_at),
          completed_at = coalesce(course_progress.completed_at, excluded.completed_at)
        returning user_id, completed_at, lessons_done, percent, score
      )${snapshot}
      select u.user_id, u.percent, (u.completed_at is not null and b.completed_at is null) as finished
      from upserted u left join before b on b.user_id = u.user_id`,
  );
  return {
    newlyFinished: rows.filter((row) => row.finished).map((row) => row.user_id),
    refreshed: rows.length,
    percents: Object.fromEntries(rows.map((row) => [row.user_id, row.percent])),
  };
}
