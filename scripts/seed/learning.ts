import { sql } from "drizzle-orm";
import { queryRows, type Transaction } from "@/db/client";
import { streaks } from "@/db/schema";
import { awardBadges } from "@/lib/learning/badges";
import { insertActivities, type NewActivity } from "@/lib/learning/activities";
import { finishCourse } from "@/lib/learning/finish";
import { refreshCourseProgress } from "@/lib/learning/progress";
import { advanceStreak, isStreakMilestone, learnerDay, type StreakState } from "@/lib/learning/streaks";
import type { SeededCourse } from "./courses";

/**
 * What the seeded completions would have recorded, derived set-based rather than by running each of
 * the ~1,500 completions through `completeLesson` (which took 30 s on PGlite, against well under one
 * for this). The rules are the application's own: progress by `refreshCourseProgress`, certificates
 * and course badges by `finishCourse`, streaks by `advanceStreak`, badges by the badge rule table.
 * Only the snapshots and `lesson_completed` events are derived here, each one INSERT … SELECT.
 */
export async function deriveLearningRecords(tx: Transaction, courses: SeededCourse[], now: Date): Promise<void> {
  for (const course of courses) await refreshCourseProgress(tx, { companyId: course.companyId, courseId: course.id }, now);
  await insertSnapshots(tx);
  await insertLessonEvents(tx);
  const milestones = await insertStreaks(tx);
  await issueCertificates(tx);
  await awardSeededBadges(tx, milestones);
}

/** One row per person, course and local day with completions: the progress as it stood at the end of that day. */
async function insertSnapshots(tx: Transaction): Promise<void> {
  await tx.execute(sql`with days as (
      select c.company_id, c.user_id, c.course_id, ${learnerDay(sql`c.completed_at`)}::date as day,
             count(*) as done, sum(c.score) as score_sum, count(c.score) as scored
      from lesson_completions c join users u on u.id = c.user_id join companies co on co.id = u.company_id
      group by 1, 2, 3, 4
    ),
    running as (
      select company_id, user_id, course_id, day,
             sum(done) over w as done, sum(score_sum) over w as score_sum, sum(scored) over w as scored
      from days window w as (partition by user_id, course_id order by day)
    )
    insert into progress_snapshots (company_id, user_id, course_id, day, lessons_done, percent, score)
    select r.company_id, r.user_id, r.course_id, r.day, r.done, 100 * r.done / t.total,
           case when r.scored > 0 then round(r.score_sum / r.scored) end
    from running r join (select course_id, count(*) as total from lessons where retired_at is null group by course_id) t using (course_id)`);
}

async function insertLessonEvents(tx: Transaction): Promise<void> {
  await tx.execute(sql`insert into activity_events (company_id, user_id, type, course_id, lesson_id, payload, created_at)
    select c.company_id, c.user_id, 'lesson_completed', c.course_id, c.lesson_id,
           jsonb_build_object('lessonTitle', l.title, 'score', c.score), c.completed_at
    from lesson_completions c join lessons l on l.id = c.lesson_id`);
}

type Milestone = NewActivity & { companyId: string; days: number };

/** Streaks folded day by day with the application's rule; returns the milestones reached on the way. */
async function insertStreaks(tx: Transaction): Promise<Milestone[]> {
  const days = await queryRows<{ userId: string; companyId: string; day: string; courseId: string; at: Date }>(
    tx,
    sql`select c.user_id as "userId", c.company_id as "companyId", ${learnerDay(sql`c.completed_at`)} as day,
               (array_agg(c.course_id order by c.completed_at))[1] as "courseId", min(c.completed_at) as at
        from lesson_completions c join users u on u.id = c.user_id join companies co on co.id = u.company_id
        group by 1, 2, 3 order by 1, 3`,
  );
  const states = new Map<string, StreakState & { companyId: string }>();
  const milestones: Milestone[] = [];
  for (const { userId, companyId, day, courseId, at } of days) {
    const streak = advanceStreak(states.get(userId) ?? null, day);
    states.set(userId, { ...streak, companyId });
    if (isStreakMilestone(streak.current)) {
      const payload = { days: streak.current };
      milestones.push({ companyId, userId, type: "streak_milestone", courseId, payload, createdAt: new Date(at), days: streak.current });
    }
  }
  if (states.size > 0) await tx.insert(streaks).values([...states].map(([userId, state]) => ({ userId, ...state })));
  for (const companyId of new Set(milestones.map((m) => m.companyId))) {
    await insertActivities(
      tx,
      companyId,
      milestones.filter((m) => m.companyId === companyId),
    );
  }
  return milestones;
}

/**
 * Certificates in the order courses were finished, one `finishCourse` per course and day, dated the
 * moment that day's last finisher finished; so serials and the course badges follow the history.
 */
async function issueCertificates(tx: Transaction): Promise<void> {
  const batches = await queryRows<{ companyId: string; courseId: string; userIds: string[]; at: Date }>(
    tx,
    sql`select company_id as "companyId", course_id as "courseId", array_agg(user_id::text) as "userIds", max(completed_at) as at
        from course_progress where completed_at is not null
        group by company_id, course_id, completed_at::date order by at`,
  );
  for (const { companyId, courseId, userIds, at } of batches) {
    await finishCourse(tx, { companyId, courseId, userIds }, new Date(at));
  }
}

/** The badges for lessons, quizzes and streaks, each at the completion that earned it, through the rule table. */
async function awardSeededBadges(tx: Transaction, milestones: Milestone[]): Promise<void> {
  const companies = await queryRows<{ id: string }>(tx, sql`select id from companies`);
  for (const { id: companyId } of companies) {
    const streakFacts = milestones
      .filter((m) => m.companyId === companyId)
      .map(
        (m) =>
          sql`select ${m.userId}::uuid, ${m.courseId}::uuid, ${m.createdAt}::timestamptz, null::int, null::int, ${m.days}::int, null::int`,
      );
    await awardBadges(
      tx,
      companyId,
      sql`(select distinct on (user_id) user_id, course_id, completed_at as at, 1 as lessons, null::int as courses,
                  null::int as streak, null::int as best_score
           from lesson_completions where company_id = ${companyId} order by user_id, completed_at)
          union all
          (select distinct on (user_id) user_id, course_id, completed_at, null, null, null, score
           from lesson_completions where company_id = ${companyId} and score = 100 order by user_id, completed_at)
          ${streakFacts.length > 0 ? sql` union all ${sql.join(streakFacts, sql` union all `)}` : sql``}`,
    );
  }
}
