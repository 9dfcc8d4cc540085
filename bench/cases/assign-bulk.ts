import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { Database } from "@/db/client";
import { assignCourse } from "@/lib/assignments/operations/assign-course";
import type { Ctx } from "@/lib/auth/viewer";
import type { Bench, BenchCase } from "../case";
import { label, replay, retarget, type Statement } from "../capture";
import { BENCH_IDS } from "../data";
import { median, timed } from "../measure";
import { addDepartment, dropGroup, newGroup } from "./department-add";

/** A course of Bench Corp for the case alone, on its copy of the template (the template is not rebuilt for it). */
async function newCourse(pool: pg.Pool, key: string): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    `insert into courses (company_id, key, title) values ($1, $2, 'Bench Mandatory Training') returning id`,
    [BENCH_IDS.company, key],
  );
  return rows[0]!.id;
}

/** The active people of the 10,000-person department: whom an assignment reaches (deactivated ones are skipped). */
async function activeInDepartment(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    "select count(*)::int as n from users where department_id = $1 and deactivated_at is null",
    [BENCH_IDS.department10k],
  );
  return rows[0]!.n;
}

type Written = { assignments: number; notifications: number; outbox: number };

async function written(pool: pg.Pool, courseId: string): Promise<Written> {
  const { rows } = await pool.query<Written>(
    `select (select count(*)::int from assignments where course_id = $1) as assignments,
            (select count(*)::int from notifications where type = 'assignment.assigned' and payload->>'courseId' = $1::text) as notifications,
            (select count(*)::int from mail_outbox where company_id = $2 and template = 'assignment.assigned') as outbox`,
    [courseId, BENCH_IDS.company],
  );
  return rows[0]!;
}

function assertWrote(found: Written, people: number, who: string): void {
  const expected: Written = { assignments: people, notifications: people, outbox: people };
  if (JSON.stringify(found) !== JSON.stringify(expected)) throw new Error(`${who} did not assign everyone once: ${JSON.stringify(found)}`);
}

/**
 * Untimed: removes what an assignment wrote, so every call starts from the same state, and vacuums so
 * that no timed call trips over the dead rows. The outbox goes first: its assignment key has no index,
 * so deleting the assignments first would scan the outbox once per assignment.
 */
async function clearAssignments(pool: pg.Pool, courseId: string): Promise<void> {
  await pool.query("delete from mail_outbox where company_id = $1", [BENCH_IDS.company]);
  await pool.query("delete from notifications where type = 'assignment.assigned'");
  await pool.query("delete from assignments where course_id = $1", [courseId]);
  await pool.query("vacuum assignments, notifications, mail_outbox");
}

const assignDepartment = (db: Database, ctx: Ctx, courseId: string, operationId = randomUUID()) =>
  assignCourse(db, ctx, {
    courseId,
    selection: { mode: "department", departmentId: BENCH_IDS.department10k },
    deadline: { kind: "relative", days: 30 },
    reminderDays: [-7, -1, 1],
    operationId,
  });

/** The batch id a recorded write gave its rows, read back so the floor's replay can use a fresh one. */
async function batchOf(pool: pg.Pool, courseId: string): Promise<string> {
  const { rows } = await pool.query<{ batch_id: string }>("select batch_id from assignments where course_id = $1 limit 1", [courseId]);
  return rows[0]!.batch_id;
}

const floorByStatement = (statements: readonly Statement[], timings: number[][]) => ({
  floor_by_statement: statements.map((statement, index) => ({
    statement: label(statement),
    median_ms: Math.round(median(timings[index] ?? []) * 10) / 10,
  })),
});

export const assignBulk: BenchCase = {
  name: "assign.bulk",
  target: "p95 ≤ 2 s and ≤ 1.5 × bare (10,000 people: assignments, notifications and outbox rows)",
  plan: { warmup: 2, iterations: 10, rounds: 3 },
  passes: ({ p95, bareP95 }) => p95 <= 2_000 && p95 <= 1.5 * bareP95,
  async prepare({ db, bare: pool, recorder, ctx }: Bench) {
    const courseId = await newCourse(pool, "bench-assign-bulk");
    const people = await activeInDepartment(pool);
    const recordedOperation = randomUUID();
    const { result, statements } = await recorder.record((db) => assignDepartment(db, ctx, courseId, recordedOperation));
    assertWrote(await written(pool, courseId), people, "The service");
    if (result.result.assigned !== people) throw new Error(`The service assigned ${result.result.assigned} of ${people}.`);
    const recordedBatch = await batchOf(pool, courseId);
    await clearAssignments(pool, courseId);
    const timings: number[][] = [];
    return {
      details: { people, statements_per_call: statements.length },
      async ours(iteration) {
        const ms = await timed(() => assignDepartment(db, ctx, courseId));
        if (iteration === 0) assertWrote(await written(pool, courseId), people, "The service");
        await clearAssignments(pool, courseId);
        return ms;
      },
      async bare(iteration) {
        // The recorded statements with a new operation id and batch id.
        const aimed = retarget(
          statements,
          new Map([
            [recordedOperation, randomUUID()],
            [recordedBatch, randomUUID()],
          ]),
        );
        const ms = await timed(() => replay(pool, aimed, timings));
        if (iteration === 0) assertWrote(await written(pool, courseId), people, "The replay");
        await clearAssignments(pool, courseId);
        return ms;
      },
      finish: async () => floorByStatement(statements, timings),
    };
  },
};

/** A fresh empty group carrying a rule ("30 days after joining") for the course. */
async function groupWithRule(pool: pg.Pool, courseId: string): Promise<string> {
  const groupId = await newGroup(pool);
  await pool.query(
    `insert into assignment_rules (company_id, group_id, course_id, due_after_days, reminder_days, on_removal, created_by)
     values ($1, $2, $3, 30, '{-7,-1,1}', 'keep', $4)`,
    [BENCH_IDS.company, groupId, courseId, BENCH_IDS.admin],
  );
  return groupId;
}

async function dropGroupWithRule(pool: pg.Pool, groupId: string, courseId: string): Promise<void> {
  await clearAssignments(pool, courseId);
  await dropGroup(pool, groupId);
}

export const departmentAddWithRule: BenchCase = {
  name: "groups.department-add-with-rule",
  target:
    "p95 ≤ 1 s (the 10,000-person department add into a group whose rule assigns a course: members, ledger, assignments, their notifications and outbox rows)",
  plan: { warmup: 2, iterations: 10, rounds: 3 },
  passes: ({ p95 }) => p95 <= 1_000,
  async prepare({ db, bare: pool, recorder, ctx }: Bench) {
    const courseId = await newCourse(pool, "bench-assign-rule");
    const people = await activeInDepartment(pool);
    const recordedGroup = await groupWithRule(pool, courseId);
    const recordedOperation = randomUUID();
    const { statements } = await recorder.record((db) => addDepartment(db, ctx, recordedGroup, BENCH_IDS.department10k, recordedOperation));
    assertWrote(await written(pool, courseId), people, "The service");
    const { rows } = await pool.query<{ batch_id: string }>("select batch_id from audit_log where target_id = $1", [recordedGroup]);
    const recordedBatch = rows[0]!.batch_id;
    const recordedAssignmentBatch = await batchOf(pool, courseId);
    await dropGroupWithRule(pool, recordedGroup, courseId);
    const timings: number[][] = [];
    return {
      details: { people, statements_per_call: statements.length },
      async ours(iteration) {
        const groupId = await groupWithRule(pool, courseId);
        const ms = await timed(() => addDepartment(db, ctx, groupId, BENCH_IDS.department10k));
        if (iteration === 0) assertWrote(await written(pool, courseId), people, "The service");
        await dropGroupWithRule(pool, groupId, courseId);
        return ms;
      },
      async bare(iteration) {
        const groupId = await groupWithRule(pool, courseId);
        const aimed = retarget(
          statements,
          new Map([
            [recordedGroup, groupId],
            [recordedOperation, randomUUID()],
            [recordedBatch, randomUUID()],
            [recordedAssignmentBatch, randomUUID()],
          ]),
        );
        const ms = await timed(() => replay(pool, aimed, timings));
        if (iteration === 0) assertWrote(await written(pool, courseId), people, "The replay");
        await dropGroupWithRule(pool, groupId, courseId);
        return ms;
      },
      finish: async () => floorByStatement(statements, timings),
    };
  },
};
