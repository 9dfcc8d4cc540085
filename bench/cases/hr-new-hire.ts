import { randomBytes, randomUUID } from "node:crypto";
import type pg from "pg";
import type { Database } from "@/db/client";
import { createNewHire } from "@/lib/hr/forms/operations/create-new-hire";
import { newHireSchema } from "@/lib/hr/forms/schemas";
import type { Bench, BenchCase } from "../case";
import { replay, retarget } from "../capture";
import { BENCH_IDS } from "../data";
import { timed } from "../measure";

const START_DATE = "2030-01-07";

/** Two onboarding groups (one with a rule: its course 30 days after the start) and two courses, on the case's copy of the template. */
async function seed(pool: pg.Pool) {
  const group = async (name: string) =>
    (
      await pool.query<{ id: string }>(
        `insert into learning_groups (company_id, name, visibility, created_by, owner_id) values ($1, $2, 'private', $3, $3) returning id`,
        [BENCH_IDS.company, name, BENCH_IDS.admin],
      )
    ).rows[0]!.id;
  const course = async (key: string) =>
    (
      await pool.query<{ id: string }>(`insert into courses (company_id, key, title) values ($1, $2, $2) returning id`, [
        BENCH_IDS.company,
        key,
      ])
    ).rows[0]!.id;
  const groupIds = [await group("Bench onboarding wave"), await group("Bench onboarding buddies")];
  const courseIds = [await course("bench-hire-safety"), await course("bench-hire-privacy")];
  const ruleCourse = await course("bench-hire-basics");
  await pool.query(
    `insert into assignment_rules (company_id, group_id, course_id, due_after_days, reminder_days, on_removal, created_by)
     values ($1, $2, $3, 30, '{-3}', 'waive', $4)`,
    [BENCH_IDS.company, groupIds[0], ruleCourse, BENCH_IDS.admin],
  );
  return { groupIds, courseIds };
}

/**
 * `hr.new-hire`: the New hire form's service — the invited person (department and manager), two
 * groups, two courses plus one group rule, one welcome notification — on the bench template (100,000
 * people). Each call is a new person; they are kept (deleting people costs far more than adding them).
 */
export const hrNewHire: BenchCase = {
  name: "hr.new-hire",
  target: "p95 ≤ 50 ms (2 groups, 2 courses)",
  plan: { warmup: 10, iterations: 200, rounds: 3 },
  passes: ({ p95 }) => p95 <= 50,
  async prepare({ db, bare: pool, recorder, ctx }: Bench) {
    const { groupIds, courseIds } = await seed(pool);
    const { rows: departments } = await pool.query<{ id: string }>("select id from departments where company_id = $1 order by id limit 1", [
      BENCH_IDS.company,
    ]);
    const input = () =>
      newHireSchema.parse({
        name: "Bench New Hire",
        email: `hire.${randomUUID()}@bench.example`,
        departmentId: departments[0]!.id,
        managerId: BENCH_IDS.admin,
        startDate: START_DATE,
        groupIds,
        courses: courseIds.map((courseId, index) => ({ courseId, daysAfterStart: 14 + index * 14 })),
        operationId: randomUUID(),
      });
    const hire = async (database: Database) => {
      const committed = await createNewHire(database, ctx, input());
      if (committed.result.courses !== 3 || committed.result.groups !== 2)
        throw new Error(`The new hire was not set up: ${JSON.stringify(committed.result)}`);
      return committed;
    };

    const recordedInput = input();
    const { result: recorded, statements } = await recorder.record((database) => createNewHire(database, ctx, recordedInput));
    const { rows: token } = await pool.query<{ token_hash: string }>("select token_hash from account_tokens where user_id = $1", [
      recorded.result.userId,
    ]);
    const { rows: batch } = await pool.query<{ batch_id: string }>(
      "select batch_id from audit_log where action = 'hr.new_hire' and target_id = $1",
      [recorded.result.userId],
    );

    return {
      details: { groups: 2, courses: 2, rule_courses: 1, statements_per_call: statements.length },
      ours: () => timed(() => hire(db)),
      // The floor: the recorded statements replayed through raw `pg`, aimed at a new email, operation, link and batch.
      bare: () =>
        timed(() =>
          replay(
            pool,
            retarget(
              statements,
              new Map([
                [recordedInput.email, `hire.${randomUUID()}@bench.example`],
                [recordedInput.operationId, randomUUID()],
                [token[0]!.token_hash, randomBytes(32).toString("hex")],
                [batch[0]!.batch_id, randomUUID()],
              ]),
            ),
          ),
        ),
    };
  },
};
