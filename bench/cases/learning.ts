import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { Database } from "@/db/client";
import type { Ctx } from "@/lib/auth/viewer";
import { completeLesson } from "@/lib/learning/operations/complete-lesson";
import type { Bench, BenchCase } from "../case";
import { label, replay, retarget, roundTrips } from "../capture";
import { BENCH_IDS } from "../data";
import { median, timed } from "../measure";

const LESSONS = 10;
const GROUPS = 5;
/** Lessons 2 to 9 are completed in turn; the last is never reached, so no iteration finishes the course. */
const CYCLE = LESSONS - 2;

type Setup = { lessonIds: string[]; learners: [Ctx, Ctx] };

/** A course of Bench Corp made on the case's copy (`LESSONS` lessons unless said): its id and its lessons in order. */
export async function newCourse(pool: pg.Pool, name: string, lessonCount = LESSONS): Promise<{ courseId: string; lessonIds: string[] }> {
  const { rows: course } = await pool.query<{ id: string }>(
    "insert into courses (company_id, key, title) values ($1, $2, $3) returning id",
    [BENCH_IDS.company, `bench-${name}-${randomUUID()}`, `Bench ${name} course`],
  );
  const courseId = course[0]!.id;
  const { rows: lessons } = await pool.query<{ id: string; position: number }>(
    `insert into lessons (company_id, course_id, key, position, title)
     select $1, $2, 'lesson-' || p, p, 'Lesson ' || p from generate_series(1, ${lessonCount}) p returning id, position`,
    [BENCH_IDS.company, courseId],
  );
  return { courseId, lessonIds: lessons.sort((a, b) => a.position - b.position).map((row) => row.id) };
}

/**
 * On the case's copy, before the clock: a 10-lesson course, and two learners (one for our calls,
 * one for the floor), each a member of 5 active groups linked to the course with 20 other members.
 */
async function setUp(pool: pg.Pool): Promise<Setup> {
  const company = BENCH_IDS.company;
  const { courseId, lessonIds } = await newCourse(pool, "completion");
  const learners: Ctx[] = [];
  for (const side of ["ours", "bare"]) {
    const { rows } = await pool.query<{ id: string }>("insert into users (company_id, name, email) values ($1, $2, $3) returning id", [
      company,
      `Bench ${side} learner`,
      `bench-${side}-${randomUUID()}@bench.example`,
    ]);
    const userId = rows[0]!.id;
    learners.push({ userId, companyId: company, roles: [] });
    await pool.query(
      `with groups as (
         insert into learning_groups (company_id, name, course_id, visibility, created_by, owner_id)
         select $1, 'Bench completion ' || $3 || ' ' || g, $2, 'private', $4, $4 from generate_series(1, ${GROUPS}) g
         returning id
       )
       insert into group_members (group_id, user_id, company_id, added_by, source)
       select g.id, m.user_id, $1, $4, 'individual' from groups g
       cross join lateral (
         select $5::uuid as user_id
         union all (select id from users where company_id = $1 and deactivated_at is null and id <> $5 order by id limit 20)
       ) m`,
      [company, courseId, side, BENCH_IDS.admin, userId],
    );
  }
  await pool.query("analyze courses, lessons, learning_groups, group_members");
  return { lessonIds, learners: learners as [Ctx, Ctx] };
}

/** Untimed: the learner's completions after the first lesson go, so the cycle starts again. */
async function resetCycle(pool: pg.Pool, learner: Ctx, firstLessonId: string): Promise<void> {
  await pool.query("delete from lesson_completions where user_id = $1 and lesson_id <> $2", [learner.userId, firstLessonId]);
  await pool.query("vacuum lesson_completions, course_progress, progress_snapshots");
}

const complete = (db: Database, learner: Ctx, lessonId: string) => completeLesson(db, learner, { lessonId, operationId: randomUUID() });

export const learningCompletion: BenchCase = {
  name: "learning.completion",
  target: "p95 ≤ 30 ms and ≤ 2.5 × bare",
  plan: { warmup: 20, iterations: 200, rounds: 3 },
  passes: ({ p95, bareP95 }, details) => p95 <= 30 && p95 <= 2.5 * bareP95 && details.fan_out_groups === GROUPS,
  async prepare({ db, bare: pool, recorder }: Bench) {
    const { lessonIds, learners } = await setUp(pool);
    const [ours, floor] = learners;
    const [first, recordedLesson] = [lessonIds[0]!, lessonIds[1]!];
    // Both learners have their first lesson (and its badge) behind them, as most learners do.
    for (const learner of learners) await complete(db, learner, first);

    const operationId = randomUUID();
    const { result, statements } = await recorder.record((db) => completeLesson(db, floor, { lessonId: recordedLesson, operationId }));
    if (result.result.alreadyCompleted || result.result.percent !== 20)
      throw new Error("The recorded completion did not complete a lesson.");
    const fanOutGroups = result.events?.[0]?.channels.length ?? 0;
    await resetCycle(pool, floor, first);
    const timings: number[][] = [];
    const lessonFor = async (learner: Ctx, iteration: number) => {
      if (iteration > 0 && iteration % CYCLE === 0) await resetCycle(pool, learner, first);
      return lessonIds[2 + (iteration % CYCLE) - 1]!;
    };

    return {
      details: {
        lessons: LESSONS,
        groups_per_learner: GROUPS,
        fan_out_groups: fanOutGroups,
        statements_per_call: statements.length,
        round_trips_per_call: roundTrips(statements),
      },
      async ours(iteration) {
        const lessonId = await lessonFor(ours, iteration);
        return timed(() => complete(db, ours, lessonId));
      },
      async bare(iteration) {
        const lessonId = await lessonFor(floor, iteration);
        const aimed = retarget(
          statements,
          new Map([
            [recordedLesson, lessonId],
            [operationId, randomUUID()],
          ]),
        );
        return timed(() => replay(pool, aimed, timings));
      },
      finish: async () => ({
        floor_by_statement: statements.map((statement, index) => ({
          statement: label(statement),
          median_ms: Math.round(median(timings[index] ?? []) * 10) / 10,
        })),
      }),
    };
  },
};

/** Learners a side needs: one per call (warm-up and every round). */
const LAST_PLAN = { warmup: 10, iterations: 100, rounds: 3 };
const LAST_LEARNERS = LAST_PLAN.warmup + LAST_PLAN.iterations * LAST_PLAN.rounds + 1;

/**
 * On the case's copy, before the clock: a 10-lesson course, 5 groups linked to it, and for each side
 * `LAST_LEARNERS` people who are members of the 5 groups, have done lessons 1–9 (completions and
 * progress as completeLesson leaves them) and hold an open assignment of the course.
 */
async function setUpLastLesson(pool: pg.Pool): Promise<{ lastLessonId: string; sides: [Ctx[], Ctx[]] }> {
  const company = BENCH_IDS.company;
  const { courseId, lessonIds } = await newCourse(pool, "last-lesson");
  const { rows: learners } = await pool.query<{ id: string }>(
    `insert into users (company_id, name, email)
     select $1, 'Bench finisher ' || n, 'bench-finisher-' || n || '-' || $2 || '@bench.example' from generate_series(1, ${2 * LAST_LEARNERS}) n
     returning id`,
    [company, randomUUID()],
  );
  const ids = learners.map((row) => row.id);
  await pool.query(
    `with groups as (
       insert into learning_groups (company_id, name, course_id, visibility, created_by, owner_id)
       select $1, 'Bench finishers ' || g || ' ' || $3, $2, 'private', $4, $4 from generate_series(1, ${GROUPS}) g returning id
     )
     insert into group_members (group_id, user_id, company_id, added_by, source)
     select g.id, u, $1, $4, 'individual' from groups g cross join unnest($5::uuid[]) u`,
    [company, courseId, randomUUID(), BENCH_IDS.admin, ids],
  );
  await pool.query(
    `insert into lesson_completions (company_id, user_id, course_id, lesson_id, completed_at)
     select $1, u, $2, l.id, now() - (${LESSONS} - l.position) * interval '1 day'
     from unnest($3::uuid[]) u join lessons l on l.course_id = $2 and l.position < ${LESSONS}`,
    [company, courseId, ids],
  );
  await pool.query(
    `insert into course_progress (company_id, user_id, course_id, lessons_done, percent, last_activity_at)
     select $1, u, $2, ${LESSONS - 1}, ${(100 * (LESSONS - 1)) / LESSONS}, now() - interval '1 day' from unnest($3::uuid[]) u`,
    [company, courseId, ids],
  );
  await pool.query(
    `insert into assignments (company_id, user_id, course_id, status, source, due_on, due_at, reminder_days, assigned_by)
     select $1, u, $2, 'open', 'bulk', current_date + 30, now() + interval '30 days', '{}', $4 from unnest($3::uuid[]) u`,
    [company, courseId, ids, BENCH_IDS.admin],
  );
  await pool.query("analyze users, lessons, lesson_completions, course_progress, assignments, group_members");
  const ctxOf = (userId: string): Ctx => ({ userId, companyId: company, roles: [] });
  const lastLessonId = lessonIds.at(-1)!;
  return { lastLessonId, sides: [ids.slice(0, LAST_LEARNERS).map(ctxOf), ids.slice(LAST_LEARNERS).map(ctxOf)] };
}

/**
 * `learning.completion-last`: the last lesson of a course, which finishes it: the per-company
 * certificate counter's lock and the certificate, the learner's open assignment completed, progress at
 * 100 % in the 5 groups' figures, the badge rules. Each call is a new learner (no state is reset
 * between calls). The floor replays the recorded completion with the learner and operation swapped.
 */
export const learningCompletionLast: BenchCase = {
  name: "learning.completion-last",
  target: "p95 ≤ 40 ms",
  plan: LAST_PLAN,
  passes: ({ p95 }, details) => p95 <= 40 && details.finished === true,
  async prepare({ db, bare: pool, recorder }: Bench) {
    const { lastLessonId, sides } = await setUpLastLesson(pool);
    const [ours, floor] = sides;
    const recordedLearner = floor.pop()!;
    const operationId = randomUUID();
    const { result, statements } = await recorder.record((db) =>
      completeLesson(db, recordedLearner, { lessonId: lastLessonId, operationId }),
    );
    const finished = result.result.percent === 100;
    const timings: number[][] = [];
    return {
      details: { finished, statements_per_call: statements.length, groups_per_learner: GROUPS },
      ours: () => timed(() => complete(db, ours.shift()!, lastLessonId)),
      bare: () => {
        const learner = floor.shift()!;
        const aimed = retarget(
          statements,
          new Map([
            [recordedLearner.userId, learner.userId],
            [operationId, randomUUID()],
          ]),
        );
        return timed(() => replay(pool, aimed, timings));
      },
      finish: async () => ({
        floor_by_statement: statements.map((statement, index) => ({
          statement: label(statement),
          median_ms: Math.round(median(timings[index] ?? []) * 10) / 10,
        })),
      }),
    };
  },
};
