import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { env } from "@/base/env";
import { log } from "@/base/log";
import { type DatabaseHandle, openPostgres, queryRows } from "@/db/client";
import { withCompany } from "@/db/company";
import { AppError } from "@/lib/errors";
import { applyImport, confirmImport } from "@/lib/hr/import/confirm";
import { readImportJob } from "@/lib/hr/import/queries";
import { startImport } from "@/lib/hr/import/staging";
import { completeLesson } from "@/lib/learning/operations/complete-lesson";
import { addMembers } from "@/lib/membership/operations/add-members";
import { lockWaitersReach } from "@/tests/barrier";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import {
  createCompany,
  createCourse,
  createDepartment,
  createGroup,
  createLessons,
  createPerson,
  opId,
  type TestPerson,
} from "@/tests/fixtures";
import { companyFingerprint, footprint } from "@/tests/footprint";

/*
 * Faults (issue 22): the database connection cut in the middle of an operation's transaction. Each
 * operation runs on a handle opened as the application opens its own (the app role, a pool; one
 * connection here, so that the connection cut is the only one it has), is cut after it has written
 * most of what it writes, and must leave nothing of it behind; the same handle then serves the
 * next call without a restart, and the same call succeeds.
 *
 * PostgreSQL only: PGlite runs in this process over no connection, so there is nothing to cut.
 */

/**
 * Runs `operation` and ends its backend while its transaction waits to write `table`: a barrier
 * connection holds that table in SHARE mode (readers pass, writers queue), so the transaction has
 * written everything it writes before it; then the backend is terminated from the barrier, as a
 * crashed server process, a failover or an administrator would end it.
 */
async function cutBefore(url: string, app: DatabaseHandle, table: string, operation: () => Promise<unknown>): Promise<void> {
  const [{ pid }] = (await queryRows<{ pid: number }>(app.db, sql`select pg_backend_pid() as pid`)) as [{ pid: number }];
  const barrier = new pg.Client({ connectionString: url });
  await barrier.connect();
  const warn = vi.spyOn(log, "warn").mockImplementation(() => undefined);
  try {
    await barrier.query("begin");
    await barrier.query(`lock table ${table} in share mode`);
    const attempt = operation().then(
      () => new Error(`the operation committed although its connection was cut before writing ${table}`),
      (error: unknown) => error,
    );
    await lockWaitersReach(barrier, 1);
    const { rows } = await barrier.query<{ query: string }>("select query from pg_stat_activity where pid = $1", [pid]);
    expect(rows[0]?.query, `the operation's connection waits to write ${table}`).toMatch(new RegExp(`insert into "?${table}`, "i"));
    await barrier.query("select pg_terminate_backend($1)", [pid]);
    const thrown = await attempt;
    expect(thrown, "the call fails with the connection's error, not as a refusal").not.toBeInstanceOf(AppError);
    expect(String(thrown)).not.toMatch(/committed although/);
    // Handled (db/client.ts), not an uncaught exception that would end the server.
    expect(warn).toHaveBeenCalledWith("database connection lost", expect.anything());
  } finally {
    warn.mockRestore();
    await barrier.query("rollback");
    await barrier.end();
  }
}

const onPostgres = Boolean(env().testDatabaseUrl);

describe.runIf(onPostgres)("a connection cut mid-transaction (PostgreSQL only: PGlite has no connection to cut)", () => {
  let handle: TestDatabase;
  /** The application's kind of handle: app role, a pool, here of one connection. */
  let app: DatabaseHandle;
  let companyId: string;
  let admin: TestPerson;

  beforeAll(async () => {
    handle = await createTestDatabase();
    app = openPostgres(handle.url!, { max: 1, connectAs: "app" });
    companyId = (await createCompany(handle.db, "Faulty Co")).id;
    admin = await createPerson(handle.db, companyId, { roles: ["admin"], name: "Ada Admin" });
  });
  afterAll(async () => {
    await app.close();
    await handle.close();
  });

  it("in a 10,000-person add: no member, ledger row or notification; then the same add succeeds on the same handle", async () => {
    const department = await createDepartment(handle.db, companyId, "Everyone");
    await handle.db.execute(
      sql`insert into users (company_id, department_id, name, email)
          select ${companyId}, ${department.id}, 'Person ' || i, 'cut-' || i || '-' || ${randomUUID()} || '@faults.example'
          from generate_series(1, 10000) as i`,
    );
    const group = await createGroup(handle.db, admin, { name: "Everyone's group" });
    const input = { groupId: group.id, selection: { mode: "departments" as const, departmentIds: [department.id] }, operationId: opId() };
    const before = await footprint(handle.db, companyId);

    // Its audit row is the last thing the add writes: the 20,000 rows of memberships (which tell their people) and ledger are written by then.
    await cutBefore(handle.url!, app, "audit_log", () => addMembers(app.db, admin, input));
    expect(await footprint(handle.db, companyId)).toEqual(before);

    const { result } = await addMembers(app.db, admin, input);
    expect(result).toEqual({ added: 10_000, alreadyMembers: 0, deactivated: 0 });
    expect(await footprint(handle.db, companyId)).toMatchObject({
      members: 10_000,
      announced: 10_000,
      ledger: 10_000,
      audit: (before.audit as number) + 1,
    });
  }, 60_000);

  it("in an HR import's final transaction: nobody created or added, the job failed with a reason and no driver text; the file applies again", async () => {
    const hr = await createPerson(handle.db, companyId, { roles: ["hr"], name: "Hana HR" });
    await createGroup(handle.db, admin, { name: "Import wave" });
    const file = [
      "email,name,department,manager_email,groups",
      ...Array.from({ length: 300 }, (_, i) => `hire.${i}@faults.example,Hire ${i},,,Import wave`),
    ].join("\n");
    // As the import routes call it: on the application's database bound to the caller's company.
    const db = withCompany(app.db, companyId);
    const ready = async () => {
      const started = await startImport(db, hr, { fileName: "hires.csv", text: file });
      await started.run();
      expect(await readImportJob(db, hr, started.job.id)).toMatchObject({ status: "ready" });
      await confirmImport(db, hr, started.job.id);
      return started.job.id;
    };
    const jobId = await ready();
    const before = await footprint(handle.db, companyId);

    await cutBefore(handle.url!, app, "audit_log", () => applyImport(db, hr, jobId));
    // The failure was recorded on the same handle, by a step of its own (one more claim): nothing else changed.
    expect(await footprint(handle.db, companyId)).toEqual({ ...before, operations: (before.operations as number) + 1 });
    const failed = await readImportJob(db, hr, jobId);
    expect(failed).toMatchObject({ status: "failed", error: { code: "import_failed", values: {} } });
    expect(JSON.stringify(failed)).not.toMatch(/terminat|administrator|connection/i);

    const { result } = await applyImport(db, hr, await ready());
    expect(result).toEqual({ created: 300, updated: 0, unchanged: 0, memberships: 300 });
  }, 60_000);

  it("in a lesson completion: no completion, progress, snapshot, streak, activity or badge; then the same completion succeeds", async () => {
    const learner = await createPerson(handle.db, companyId, { name: "Lena Learner" });
    const course = await createCourse(handle.db, companyId, "Safety");
    const [first] = await createLessons(handle.db, course, [null, null]);
    const input = { lessonId: first!.id, operationId: opId() };
    const before = await companyFingerprint(handle.db, companyId);

    // Completion, progress, snapshot and streak are written by then; activities, badges and the certificate are next.
    await cutBefore(handle.url!, app, "activity_events", () => completeLesson(app.db, learner, input));
    expect(await companyFingerprint(handle.db, companyId)).toEqual(before);

    const { result } = await completeLesson(app.db, learner, input);
    expect(result).toMatchObject({ alreadyCompleted: false, percent: 50, streak: 1, badges: ["first_lesson"] });
    const after = await companyFingerprint(handle.db, companyId);
    const written = Object.keys(after).filter((table) => after[table] !== before[table]);
    expect(written).toEqual(
      expect.arrayContaining(["lesson_completions", "course_progress", "progress_snapshots", "streaks", "activity_events", "user_badges"]),
    );
  });
});
