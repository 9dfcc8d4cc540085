import { eq } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "@/base/env";
import { type ImportJob, importJobs, operations } from "@/db/schema";
import { STALLED_AFTER_MS } from "@/lib/hr/import/progress";
import { readImportJob } from "@/lib/hr/import/queries";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createPerson, type TestPerson } from "@/tests/fixtures";
import { handleImportsCron, settleStalledImports } from "./imports";

let handle: TestDatabase;
let acmeId: string;
let globexId: string;
let hr: TestPerson;
const NOW = new Date("2026-03-09T12:00:00Z");
const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);

beforeAll(async () => {
  handle = await createTestDatabase();
  acmeId = (await createCompany(handle.db, "Acme")).id;
  globexId = (await createCompany(handle.db, "Globex")).id;
  hr = await createPerson(handle.db, acmeId, { roles: ["hr"] });
});
afterAll(() => handle.close());

/** A job as a server left it: its status and when it last moved. */
async function job(companyId: string, status: ImportJob["status"], updatedAt: Date): Promise<string> {
  const [row] = await handle.db
    .insert(importJobs)
    .values({ companyId, fileName: `${status}.csv`, fileHash: "h", status, totalRows: 10, createdAt: updatedAt, updatedAt })
    .returning({ id: importJobs.id });
  return row!.id;
}
const rowOf = async (id: string) => (await handle.db.select().from(importJobs).where(eq(importJobs.id, id)))[0]!;
const everyJob = () => handle.db.select().from(importJobs).orderBy(importJobs.id);

describe("system.imports: the scheduler settles stalled HR imports", () => {
  it("fails a stalled job once, leaves live and finished ones alone; running it again changes nothing", async () => {
    const stalledStaging = await job(acmeId, "staging", minutesAgo(10));
    const stalledApplying = await job(globexId, "applying", new Date(NOW.getTime() - STALLED_AFTER_MS - 1));
    const live = await job(acmeId, "staging", minutesAgo(1));
    const ready = await job(acmeId, "ready", minutesAgo(60));
    const done = await job(acmeId, "done", minutesAgo(60));
    const untouched = await Promise.all([live, ready, done].map(rowOf));

    // The page's read as of the same moment: stalled, and it writes nothing.
    const before = await everyJob();
    expect(await readImportJob(handle.db, hr, stalledStaging, NOW)).toMatchObject({ status: "staging", stalled: true });
    expect(await readImportJob(handle.db, hr, live, NOW)).toMatchObject({ status: "staging", stalled: false });
    expect(await everyJob()).toEqual(before);

    expect(await settleStalledImports(handle.db, NOW)).toEqual({ failed: 2 });
    for (const id of [stalledStaging, stalledApplying]) {
      expect(await rowOf(id)).toMatchObject({
        status: "failed",
        error: JSON.stringify({ code: "import_interrupted", values: {} }),
        updatedAt: NOW,
        finishedAt: NOW,
      });
    }
    expect(await Promise.all([live, ready, done].map(rowOf))).toEqual(untouched);
    expect(await readImportJob(handle.db, hr, stalledStaging, NOW)).toMatchObject({
      status: "failed",
      stalled: false,
      error: { code: "import_interrupted" },
    });

    // One operation per company that had one, as the system actor.
    const runs = await handle.db.select().from(operations).where(eq(operations.kind, "system.imports"));
    expect(runs.map((run) => [run.companyId, run.actorId]).sort()).toEqual(
      [
        [acmeId, null],
        [globexId, null],
      ].sort(),
    );

    const settled = await everyJob();
    expect(await settleStalledImports(handle.db, new Date(NOW.getTime() + 60_000))).toEqual({ failed: 0 });
    expect(await everyJob()).toEqual(settled);
    expect(await handle.db.$count(operations, eq(operations.kind, "system.imports"))).toBe(2);
  });

  it.runIf(env().testDatabaseUrl)("skips a job whose final transaction still runs (it holds the row)", async () => {
    const applying = await job(acmeId, "applying", minutesAgo(10));
    const holder = new pg.Client({ connectionString: handle.url! });
    await holder.connect();
    try {
      await holder.query("begin");
      await holder.query("select id from import_jobs where id = $1 for update", [applying]);
      expect(await settleStalledImports(handle.db, NOW)).toEqual({ failed: 0 });
      expect(await rowOf(applying)).toMatchObject({ status: "applying" });
    } finally {
      await holder.query("rollback");
      await holder.end();
    }
    expect(await settleStalledImports(handle.db, NOW)).toEqual({ failed: 1 });
    expect(await rowOf(applying)).toMatchObject({ status: "failed" });
  });

  it("answers 401 without the scheduler's secret, and nothing changes", async () => {
    const stalled = await job(acmeId, "validating", minutesAgo(10));
    const response = await handleImportsCron(new Request("http://localhost/api/cron/imports"), handle.db, NOW);
    expect(response.status).toBe(401);
    expect(await rowOf(stalled)).toMatchObject({ status: "validating" });
  });
});
