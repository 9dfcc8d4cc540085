import type pg from "pg";
import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { dueAtSql, learnerZoneSql, nextReminderSql } from "@/lib/assignments/deadlines";
import { DEFAULT_REMINDER_DAYS } from "@/lib/assignments/schemas";
import { runReminders } from "@/lib/assignments/reminders";
import type { Bench, BenchCase } from "../case";
import { label, replay } from "../capture";
import { BENCH_IDS } from "../data";
import { median, timed } from "../measure";

/** The run's clock: 12:00 UTC on 13 March, the day the "7 days before" reminders of 20 March are due. */
const NOW = new Date("2026-03-13T12:00:00Z");
const ASSIGNED_AT = new Date("2026-03-01T10:00:00Z");
const DUE_SOON = "2026-03-20";
const DUE_LATER = "2026-05-01";
const DUE_NOW = 5_000;

/**
 * The case's own data, on its copy of the template (so the template is not rebuilt for it): a course
 * of Bench Corp assigned to all its 100,000 people, 5,000 of them due 20 March (their reminder is due
 * at the run's clock), the others 1 May. Written as the assigning services write them.
 */
async function seedAssignments(db: Database, pool: pg.Pool): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    `insert into courses (company_id, key, title) values ($1, 'bench-mandatory', 'Bench Mandatory Training') returning id`,
    [BENCH_IDS.company],
  );
  const courseId = rows[0]!.id;
  const zone = learnerZoneSql(sql`u`, sql`c`);
  const dueOn = sql`(case when u.n <= ${DUE_NOW} then ${DUE_SOON} else ${DUE_LATER} end)`;
  const days = `{${DEFAULT_REMINDER_DAYS.join(",")}}`;
  const insert = sql`insert into assignments (company_id, user_id, course_id, source, due_on, due_at, reminder_days, next_reminder_at, assigned_at)
    select c.id, u.id, ${courseId}, 'bulk', ${dueOn}::date, ${dueAtSql(dueOn, zone)}, ${days}::int[],
           ${nextReminderSql(dueOn, sql`${days}`, zone, sql`${ASSIGNED_AT}::timestamptz`)}, ${ASSIGNED_AT}
    from (select id, company_id, time_zone, row_number() over (order by md5(id::text)) as n from users where company_id = ${BENCH_IDS.company}) u
    join companies c on c.id = u.company_id`;
  await db.execute(insert);
  await pool.query("vacuum analyze assignments, courses");
  return courseId;
}

/**
 * Untimed, between runs: removes what a run wrote and makes the 5,000 reminders due again, then
 * vacuums, so every run starts from the same state without dead rows a timed run would trip over.
 */
async function reset(pool: pg.Pool, courseId: string): Promise<void> {
  await pool.query("delete from assignment_reminders where company_id = $1", [BENCH_IDS.company]);
  await pool.query("delete from notifications where key like 'assignment-reminder:%'");
  await pool.query("delete from mail_outbox where company_id = $1", [BENCH_IDS.company]);
  await pool.query(`update assignments set next_reminder_at = $2 where course_id = $1 and due_on = $3`, [
    courseId,
    new Date("2026-03-13T08:00:00Z"),
    DUE_SOON,
  ]);
  await pool.query("vacuum analyze assignments, assignment_reminders, notifications, mail_outbox");
}

async function written(pool: pg.Pool) {
  const { rows } = await pool.query<{ reminders: number; notifications: number; outbox: number; pending: number }>(
    `select (select count(*)::int from assignment_reminders where company_id = $1) as reminders,
            (select count(*)::int from notifications where key like 'assignment-reminder:%') as notifications,
            (select count(*)::int from mail_outbox where company_id = $1) as outbox,
            (select count(*)::int from assignments where status = 'open' and next_reminder_at <= $2) as pending`,
    [BENCH_IDS.company, NOW],
  );
  return rows[0]!;
}

function assertWroteAll(found: Awaited<ReturnType<typeof written>>, who: string): void {
  const expected = { reminders: DUE_NOW, notifications: DUE_NOW, outbox: DUE_NOW, pending: 0 };
  if (JSON.stringify(found) !== JSON.stringify(expected)) {
    throw new Error(`${who} did not write what one reminder run writes: ${JSON.stringify(found)}`);
  }
}

const run = (db: Database) => runReminders(db, NOW);

export const reminderRun: BenchCase = {
  name: "assign.reminder-run",
  target: "p95 ≤ 5 s (100,000 open assignments, 5,000 reminders due; reminder rows, notifications and outbox rows, no sending)",
  // A multi-second job: a handful of runs, each from the same reset state.
  plan: { warmup: 1, iterations: 3, rounds: 3 },
  passes: ({ p95 }) => p95 <= 5_000,
  async prepare({ db, bare: pool, recorder }: Bench) {
    const courseId = await seedAssignments(db, pool);
    const { result, statements } = await recorder.record(run);
    assertWroteAll(await written(pool), "The scheduler");
    if (result.notified !== DUE_NOW || result.events.length !== DUE_NOW) throw new Error(`The run notified ${result.notified}.`);
    await reset(pool, courseId);
    const timings: number[][] = [];
    return {
      details: { open_assignments: 100_000, reminders_due: DUE_NOW, statements_per_run: statements.length },
      async ours(iteration) {
        const ms = await timed(() => run(db));
        if (iteration === 0) assertWroteAll(await written(pool), "The scheduler");
        await reset(pool, courseId);
        return ms;
      },
      // The floor: the recorded statements (the same batches of ids) replayed through raw `pg`.
      async bare(iteration) {
        const ms = await timed(() => replay(pool, statements, timings));
        if (iteration === 0) assertWroteAll(await written(pool), "The replay");
        await reset(pool, courseId);
        return ms;
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
