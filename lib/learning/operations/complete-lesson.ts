import "server-only";
import { sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import { together } from "@/db/together";
import type { Badge, QuizQuestion } from "@/db/schema";
import { assignmentChanged } from "@/lib/assignments/events";
import { completeAssignments } from "@/lib/assignments/sql";
import type { Ctx } from "@/lib/auth/viewer";
import { AppError, notFound } from "@/lib/errors";
import { type Committed, defineOperation } from "@/lib/operations/kernel";
import { awardBadges, BADGE_RULES } from "../badges";
import { type ActivityRow, insertActivities } from "../activities";
import { activityFanOut } from "../events";
import { finishCourse } from "../finish";
import { refreshCourseProgress } from "../progress";
import { completeLessonSchema } from "../schemas";
import { advanceStreak, currentStreak, isStreakMilestone, learnerDay, type StreakState } from "../streaks";

export type CompletionResult = {
  /** The learner had completed this lesson before: nothing changed, and `score` is the first one. */
  alreadyCompleted: boolean;
  /** Quiz result in percent; null for a lesson without a quiz. */
  score: number | null;
  /** The course's percent after this completion. */
  percent: number;
  /** This completion finished the course. */
  courseCompleted: boolean;
  /** Badges this completion earned. */
  badges: Badge[];
  /** The certificate this completion issued. */
  certificateId: string | null;
  /** The learner's current streak in days. */
  streak: number;
};

type LessonToComplete = { id: string; courseId: string; title: string; quiz: QuizQuestion[] | null; day: string };

/**
 * The lesson, if it is a current lesson of a course of the caller's company, with the caller's local
 * date at `now`.
 * The course row is share-locked, so a re-import of the course (which updates that row first) and a
 * completion never recompute its progress at the same time.
 */
async function readLesson(tx: DatabaseOrTransaction, ctx: Ctx, lessonId: string, now: Date): Promise<LessonToComplete> {
  const [lesson] = await queryRows<LessonToComplete>(
    tx,
    sql`select l.id, l.course_id as "courseId", l.title, l.quiz,
               ${learnerDay(sql`${now}::timestamptz`)} as day
        from lessons l
        join courses c on c.id = l.course_id and c.company_id = ${ctx.companyId}
        join users u on u.id = ${ctx.userId} and u.company_id = ${ctx.companyId}
        join companies co on co.id = u.company_id
        where l.id = ${lessonId} and l.company_id = ${ctx.companyId} and l.retired_at is null
        for share of c`,
  );
  if (!lesson) throw notFound();
  return lesson;
}

/** Checks the answers against the lesson's quiz; returns the score in percent, null without a quiz. */
export function scoreAnswers(quiz: readonly QuizQuestion[] | null, answers: readonly number[] | undefined): number | null {
  if (!quiz?.length) {
    if (answers !== undefined) throw new AppError("quiz_not_expected", {}, "answers");
    return null;
  }
  if (answers === undefined) throw new AppError("quiz_answers_required", {}, "answers");
  if (answers.length !== quiz.length) {
    throw new AppError("quiz_answers_count", { expected: quiz.length, given: answers.length }, "answers");
  }
  answers.forEach((answer, index) => {
    if (!Number.isInteger(answer) || answer < 0 || answer >= quiz[index]!.options.length) {
      throw new AppError("quiz_answer_invalid", { question: index + 1 }, "answers");
    }
  });
  const correct = answers.filter((answer, index) => answer === quiz[index]!.answer).length;
  return Math.round((100 * correct) / quiz.length);
}

async function readStreak(tx: DatabaseOrTransaction, userId: string): Promise<StreakState | null> {
  const [streak] = await queryRows<StreakState>(
    tx,
    sql`select current, longest, to_char(last_day, 'YYYY-MM-DD') as "lastDay" from streaks where user_id = ${userId}`,
  );
  return streak ?? null;
}

/** What a repeated completion answers: the first score, the progress and streak as they stand. */
async function alreadyCompleted(tx: DatabaseOrTransaction, ctx: Ctx, lesson: LessonToComplete): Promise<CompletionResult> {
  const [row] = await queryRows<{ score: number | null; percent: number | null }>(
    tx,
    sql`select c.score, p.percent from lesson_completions c
        left join course_progress p on p.user_id = c.user_id and p.course_id = c.course_id
        where c.user_id = ${ctx.userId} and c.lesson_id = ${lesson.id}`,
  );
  const streak = currentStreak(await readStreak(tx, ctx.userId), lesson.day);
  return {
    alreadyCompleted: true,
    score: row?.score ?? null,
    percent: row?.percent ?? 0,
    courseCompleted: false,
    badges: [],
    certificateId: null,
    streak,
  };
}

/** What the work hands back besides the result: the activities to fan out, the assignments it settled. */
async function deliveries(tx: DatabaseOrTransaction, companyId: string, activities: ActivityRow[], completedAssignments: string[]) {
  if (activities.length === 0 && completedAssignments.length === 0) return {};
  return { events: [...(await activityFanOut(tx, companyId, activities)), ...assignmentChanged(completedAssignments)] };
}

/**
 * Completes a lesson for the caller, once: by operation id, and by (learner, lesson) — completing
 * it again changes nothing. One transaction writes the completion, the course's progress, today's
 * snapshot, the streak, badges, a certificate when the course is finished, and their activity events;
 * the events to publish to the learner's groups on that course come back as data.
 */
export const completeLesson = defineOperation({
  kind: "learning.complete",
  permission: "learning.complete",
  input: completeLessonSchema,
  // A learner's completions queue behind each other: progress, streak and badge counts read what
  // the previous one wrote, and two racing completions of the last lesson issue one certificate.
  // Taken before the claim, so a duplicate waits here and then finds its original's result.
  locks: async (tx, ctx) => {
    await tx.execute(sql`select 1 from users where id = ${ctx.userId} and company_id = ${ctx.companyId} for no key update`);
  },
  run: async ({ tx, ctx, input, now }): Promise<Committed<CompletionResult>> => {
    const [lesson, previous] = await together([readLesson(tx, ctx, input.lessonId, now), readStreak(tx, ctx.userId)]);
    const score = scoreAnswers(lesson.quiz, input.answers);
    const [completion] = await queryRows<{ id: string }>(
      tx,
      sql`insert into lesson_completions (company_id, user_id, course_id, lesson_id, score, completed_at)
          values (${ctx.companyId}, ${ctx.userId}, ${lesson.courseId}, ${lesson.id}, ${score}, ${now})
          on conflict (user_id, lesson_id) do nothing returning id`,
    );
    if (!completion) return { result: await alreadyCompleted(tx, ctx, lesson) };

    const scope = { companyId: ctx.companyId, courseId: lesson.courseId, userIds: [ctx.userId] };
    const streak = advanceStreak(previous, lesson.day);
    const extended = streak.lastDay !== previous?.lastDay;
    // Everything that follows from the completion alone, independent of each other: one round trip.
    const [{ newlyFinished, percents }, , own, badges] = await together([
      refreshCourseProgress(tx, scope, now, lesson.day),
      tx.execute(
        sql`insert into streaks (user_id, company_id, current, longest, last_day)
            values (${ctx.userId}, ${ctx.companyId}, ${streak.current}, ${streak.longest}, ${streak.lastDay}::date)
            on conflict (user_id) do update set current = excluded.current, longest = excluded.longest, last_day = excluded.last_day`,
      ),
      insertActivities(tx, ctx.companyId, [
        {
          userId: ctx.userId,
          type: "lesson_completed",
          courseId: lesson.courseId,
          lessonId: lesson.id,
          payload: { lessonTitle: lesson.title, score },
          createdAt: now,
        },
        ...(extended && isStreakMilestone(streak.current)
          ? [
              {
                userId: ctx.userId,
                type: "streak_milestone" as const,
                courseId: lesson.courseId,
                payload: { days: streak.current },
                createdAt: now,
              },
            ]
          : []),
      ]),
      awardBadges(
        tx,
        ctx.companyId,
        sql`select ${ctx.userId}::uuid as user_id, ${lesson.courseId}::uuid as course_id, ${now}::timestamptz as at,
                   1 as lessons, null::int as courses, ${streak.current}::int as streak, ${score}::int as best_score`,
      ),
    ]);
    // Finishing the course: its certificate and the assignments it settles, together.
    const finishers = { ...scope, userIds: newlyFinished };
    const [finished, completedAssignments] = await together([finishCourse(tx, finishers, now), completeAssignments(tx, finishers, now)]);
    const activities = [...own, ...finished, ...badges];
    const awarded = BADGE_RULES.map((rule) => rule.badge).filter((badge) => activities.some((a) => a.badge === badge));
    const result: CompletionResult = {
      alreadyCompleted: false,
      score,
      percent: percents[ctx.userId]!,
      courseCompleted: newlyFinished.length > 0,
      badges: awarded,
      certificateId: activities.find((a) => a.type === "certificate_issued")?.certificateId ?? null,
      streak: streak.current,
    };
    return { result, ...(await deliveries(tx, ctx.companyId, activities, completedAssignments)) };
  },
});
