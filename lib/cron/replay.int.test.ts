import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, groupProgressDaily, importJobs, learningGroups, operations, userSessions } from "@/db/schema";
import { openSession } from "@/lib/auth/sessions";
import { systemCtx } from "@/lib/auth/viewer";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createCourse, createGroup, createPerson, opId } from "@/tests/fixtures";
import { expectOneEffect } from "@/tests/replay";
import { cleanUpSignIns } from "./operations/clean-up-sign-ins";
import { failStalledImports } from "./operations/fail-stalled-imports";
import { rollupCompany } from "./operations/rollup-company";
import { runId } from "./system";

let handle: TestDatabase;
let companyId: string;
const NOW = new Date("2026-03-09T12:00:00Z");

beforeAll(async () => {
  handle = await createTestDatabase();
  companyId = (await createCompany(handle.db, "Acme")).id;
});
afterAll(() => handle.close());

const sessionsOf = (id: string) => handle.db.select().from(userSessions).where(eq(userSessions.companyId, id)).orderBy(userSessions.id);

describe("the scheduler's jobs, as the system actor", () => {
  it("system.sign-ins: the same run twice, one clean-up; its operation row names no person", async () => {
    const person = await createPerson(handle.db, companyId);
    const endedSession = async () => {
      const id = (await openSession(handle.db, person.id))!;
      await handle.db
        .update(userSessions)
        .set({ revokedAt: sql`now()` })
        .where(eq(userSessions.id, id));
    };
    await endedSession();
    const operationId = runId("sign-ins", NOW, "day");
    const run = () => cleanUpSignIns(handle.db, systemCtx(companyId, "sign-ins"), { operationId }, { now: NOW });
    // A session ended between the two calls is left to the next day's run: this one has run.
    await expectOneEffect({
      name: "system.sign-ins",
      prepare: async () => ({ call: run, disturb: endedSession, observe: () => sessionsOf(companyId) }),
    });
    expect((await run()).result).toEqual({ sessionsDeleted: 1 });
    const rows = await handle.db
      .select()
      .from(operations)
      .where(and(eq(operations.companyId, companyId), eq(operations.operationKey, operationId)));
    expect(rows).toEqual([expect.objectContaining({ actorId: null, kind: "system.sign-ins" })]);
  });

  it("system.rollup: the same run twice, one rollup", async () => {
    const admin = await createPerson(handle.db, companyId, { roles: ["admin"] });
    const course = await createCourse(handle.db, companyId);
    const group = await createGroup(handle.db, admin, { courseId: course.id });
    await handle.db
      .update(learningGroups)
      .set({ createdAt: new Date(NOW.getTime() - 3 * 86_400_000) })
      .where(eq(learningGroups.id, group.id));
    const run = () => rollupCompany(handle.db, systemCtx(companyId, "rollup"), { operationId: runId("rollup", NOW, "hour") }, { now: NOW });
    // Between the two calls the figures are spoilt: a second rollup would write them again.
    const spoil = async () =>
      void (await handle.db.update(groupProgressDaily).set({ members: 99 }).where(eq(groupProgressDaily.groupId, group.id)));
    const figures = () =>
      handle.db.select().from(groupProgressDaily).where(eq(groupProgressDaily.groupId, group.id)).orderBy(groupProgressDaily.day);
    await expectOneEffect({ name: "system.rollup", prepare: async () => ({ call: run, disturb: spoil, observe: figures }) });
    expect((await run()).result.written).toBeGreaterThan(0);
  });

  it("system.imports: the same run twice, one settling", async () => {
    const stalled = (status: "validating" | "staging") =>
      handle.db
        .insert(importJobs)
        .values({ companyId, fileName: "cut-off.csv", fileHash: "h", status, updatedAt: new Date(NOW.getTime() - 10 * 60_000) });
    await stalled("staging");
    const operationId = opId();
    const run = () => failStalledImports(handle.db, systemCtx(companyId, "imports"), { operationId }, { now: NOW });
    // A job stalled between the two calls is left to the next run: this one has run.
    const jobs = () => handle.db.select().from(importJobs).where(eq(importJobs.companyId, companyId)).orderBy(importJobs.id);
    await expectOneEffect({
      name: "system.imports",
      prepare: async () => ({ call: run, disturb: () => stalled("validating").then(() => undefined), observe: jobs }),
    });
    expect((await jobs()).map((job) => job.status).sort()).toEqual(["failed", "validating"]);
  });

  it("holds its own job's permission only: another job, and people's operations, are refused", async () => {
    await expect(rollupCompany(handle.db, systemCtx(companyId, "sign-ins"), { operationId: "x" })).rejects.toMatchObject({
      code: "forbidden",
    });
    const admin = await createPerson(handle.db, companyId, { roles: ["admin", "hr"] });
    await expect(cleanUpSignIns(handle.db, admin, { operationId: "y" })).rejects.toMatchObject({ code: "forbidden" });
    expect(await handle.db.$count(auditLog)).toBe(0);
  });
});
