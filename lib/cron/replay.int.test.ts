import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, learningGroups, operations, userSessions } from "@/db/schema";
import { createSession } from "@/lib/auth/sessions";
import { systemCtx } from "@/lib/auth/viewer";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createCourse, createGroup, createPerson } from "@/tests/fixtures";
import { expectOneEffect } from "@/tests/same-operation";
import { rollupCompany } from "./rollup";
import { cleanUpSignIns } from "./sign-ins";
import { runId } from "./system";

let handle: TestDatabase;
let companyId: string;
const NOW = new Date("2026-03-09T12:00:00Z");

beforeAll(async () => {
  handle = await createTestDatabase();
  companyId = (await createCompany(handle.db, "Acme")).id;
});
afterAll(() => handle.close());

describe("the scheduler's jobs, as the system actor", () => {
  it("system.sign-ins: the same run twice, one clean-up; its operation row names no person", async () => {
    const person = await createPerson(handle.db, companyId);
    const ended = (await createSession(handle.db, person.id))!;
    await handle.db.update(userSessions).set({ revokedAt: sql`now()` }).where(eq(userSessions.id, ended));
    const operationId = runId("sign-ins", NOW, "day");
    const first = await expectOneEffect(handle.db, () => cleanUpSignIns(handle.db, systemCtx(companyId, "sign-ins"), { operationId }, { now: NOW }), operationId);
    expect(first.result).toEqual({ sessionsDeleted: 1 });
    // A session ended since is left to tomorrow's run: this one has run.
    const later = (await createSession(handle.db, person.id))!;
    await handle.db.update(userSessions).set({ revokedAt: sql`now()` }).where(eq(userSessions.id, later));
    expect((await cleanUpSignIns(handle.db, systemCtx(companyId, "sign-ins"), { operationId })).result).toEqual({ sessionsDeleted: 1 });
    expect(await handle.db.$count(userSessions, eq(userSessions.id, later))).toBe(1);
    const rows = await handle.db.select().from(operations).where(and(eq(operations.companyId, companyId), eq(operations.operationKey, operationId)));
    expect(rows).toEqual([expect.objectContaining({ actorId: null, kind: "system.sign-ins" })]);
  });

  it("system.rollup: the same run twice, one rollup", async () => {
    const admin = await createPerson(handle.db, companyId, { roles: ["admin"] });
    const course = await createCourse(handle.db, companyId);
    const group = await createGroup(handle.db, admin, { courseId: course.id });
    await handle.db.update(learningGroups).set({ createdAt: new Date(NOW.getTime() - 3 * 86_400_000) }).where(eq(learningGroups.id, group.id));
    const first = await expectOneEffect(
      handle.db,
      (operationId) => rollupCompany(handle.db, systemCtx(companyId, "rollup"), { operationId }, { now: NOW }),
      runId("rollup", NOW, "hour"),
    );
    expect(first.result.written).toBeGreaterThan(0);
  });

  it("holds its own job's permission only: another job, and people's operations, are refused", async () => {
    await expect(rollupCompany(handle.db, systemCtx(companyId, "sign-ins"), { operationId: "x" })).rejects.toMatchObject({ code: "forbidden" });
    const admin = await createPerson(handle.db, companyId, { roles: ["admin", "hr"] });
    await expect(cleanUpSignIns(handle.db, admin, { operationId: "y" })).rejects.toMatchObject({ code: "forbidden" });
    expect(await handle.db.$count(auditLog)).toBe(0);
  });
});
