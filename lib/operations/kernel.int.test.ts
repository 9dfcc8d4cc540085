import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { type Database, queryRows } from "@/db/client";
import { auditLog, operations, users } from "@/db/schema";
import { env } from "@/base/env";
import { AppError, InvalidInputError } from "@/lib/errors";
import { groupChannel, realtimeEvents } from "@/lib/realtime/channels";
import { createRaceDatabase, createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { defineOperation, isOperation } from "./kernel";

/**
 * The kernel's order, checked with operations of this file's own (registered under `test.*` kinds):
 * input, permission, authorize, replay, locks, claim, work with one `now`, audit, deliveries.
 */

const note = z.object({ operationId: z.uuid(), text: z.string().min(1, { error: "validation.nameRequired" }), targetId: z.uuid() });
let runs = 0;
let seenNow: Date | null = null;

/** Writes one audit row about a person of the company, whom `authorize` and `locks` require to exist. */
const renamePerson = defineOperation({
  kind: "test.rename",
  permission: "people.edit",
  input: note,
  authorize: async (db, ctx, input) => {
    const [row] = await db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, input.targetId), eq(users.companyId, ctx.companyId)));
    if (!row) throw new AppError("not_found");
  },
  locks: async (tx, ctx, input) => {
    const [row] = await tx
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(and(eq(users.id, input.targetId), eq(users.companyId, ctx.companyId)))
      .for("update");
    if (!row) throw new AppError("not_found");
    return row;
  },
  run: async ({ tx, input, now, locked, audit }) => {
    runs += 1;
    seenNow = now;
    await tx.update(users).set({ name: input.text }).where(eq(users.id, locked.id));
    await audit({ action: "test.renamed", targetType: "user", targetId: locked.id, details: { from: locked.name } });
    return {
      result: { renamed: locked.id },
      events: [{ channels: [groupChannel(locked.id)], event: realtimeEvents.groupChanged, data: {} }],
    };
  },
});

/** Deletes its target: replayed once the target is gone, the caller's own stored result answers. */
const removePerson = defineOperation({
  kind: "test.remove",
  permission: "people.deactivate",
  input: note,
  locks: async (tx, ctx, input) => {
    const [row] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, input.targetId), eq(users.companyId, ctx.companyId)))
      .for("update");
    if (!row) throw new AppError("not_found");
    return row;
  },
  run: async ({ tx, locked }) => {
    await tx.delete(users).where(eq(users.id, locked.id));
    return { result: { removed: true } };
  },
});

let handle: TestDatabase;
let db: Database;
let admin: TestPerson;
let learner: TestPerson;
let other: TestPerson;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  const acme = await createCompany(db, "Acme");
  admin = await createPerson(db, acme.id, { roles: ["admin"], name: "Dana Admin" });
  learner = await createPerson(db, acme.id, { name: "Lena Learner" });
  const globex = await createCompany(db, "Globex");
  other = await createPerson(db, globex.id, { name: "Gus Globex" });
});
afterAll(() => handle.close());

const claims = async (ctx: TestPerson, operationId: string) =>
  (
    await db
      .select({ n: count() })
      .from(operations)
      .where(and(eq(operations.companyId, ctx.companyId), eq(operations.actorId, ctx.userId), eq(operations.operationKey, operationId)))
  )[0]!.n;

describe("the operation kernel", () => {
  it("is what defineOperation returns, and registers each kind once", () => {
    expect(isOperation(renamePerson)).toBe(true);
    expect(isOperation(async () => null)).toBe(false);
    expect(() =>
      defineOperation({ kind: "test.rename", permission: "people.edit", input: note, run: async () => ({ result: null }) }),
    ).toThrow(/twice/);
  });

  it("refuses bad input with field errors before anything is read or claimed", async () => {
    const operationId = opId();
    const error = await renamePerson(db, admin, { operationId, text: "", targetId: learner.id }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).issues).toEqual([{ path: "text", message: "validation.nameRequired" }]);
    expect(await claims(admin, operationId)).toBe(0);
  });

  it("runs once per operation id with the injected now; a replay returns the result and delivers nothing", async () => {
    const operationId = opId();
    const now = new Date("2026-03-04T05:06:07.000Z");
    const before = runs;
    const first = await renamePerson(db, admin, { operationId, text: "Lena L.", targetId: learner.id }, { now });
    expect(first.result).toEqual({ renamed: learner.id });
    expect(first.events).toHaveLength(1);
    expect(seenNow).toEqual(now);
    const replay = await renamePerson(db, admin, { operationId, text: "Lena L.", targetId: learner.id });
    expect(replay).toEqual({ result: { renamed: learner.id } });
    expect(runs).toBe(before + 1);
    const [audits] = await db
      .select({ n: count() })
      .from(auditLog)
      .where(and(eq(auditLog.action, "test.renamed"), eq(auditLog.targetId, learner.id)));
    expect(audits!.n).toBe(1);
  });

  it("checks the permission before a replay: someone who lost the role gets no stored result", async () => {
    const operationId = opId();
    await renamePerson(db, admin, { operationId, text: "Lena M.", targetId: learner.id });
    const demoted = { ...admin, roles: [] };
    await expect(renamePerson(db, demoted, { operationId, text: "Lena M.", targetId: learner.id })).rejects.toMatchObject({
      code: "forbidden",
    });
  });

  it("checks the resource before a replay: another company's id is not found, before any claim", async () => {
    const operationId = opId();
    await expect(renamePerson(db, admin, { operationId, text: "x", targetId: other.id })).rejects.toMatchObject({ code: "not_found" });
    expect(await claims(admin, operationId)).toBe(0);
  });

  it("a failed run keeps nothing, so a retry with the same id runs again", async () => {
    const operationId = opId();
    const gone = await createPerson(db, admin.companyId, { name: "Temp" });
    await db.delete(users).where(eq(users.id, gone.id));
    await expect(removePerson(db, admin, { operationId, text: "x", targetId: gone.id })).rejects.toMatchObject({ code: "not_found" });
    expect(await claims(admin, operationId)).toBe(0);
  });

  it("replays the caller's own operation whose work removed the resource; anyone else reads not found", async () => {
    const operationId = opId();
    const target = await createPerson(db, admin.companyId, { name: "Leaving" });
    expect((await removePerson(db, admin, { operationId, text: "x", targetId: target.id })).result).toEqual({ removed: true });
    expect(await removePerson(db, admin, { operationId, text: "x", targetId: target.id })).toEqual({ result: { removed: true } });
    const colleague = await createPerson(db, admin.companyId, { roles: ["admin"] });
    await expect(removePerson(db, colleague, { operationId, text: "x", targetId: target.id })).rejects.toMatchObject({ code: "not_found" });
  });

  it("an id used for another kind of operation is a conflict", async () => {
    const operationId = opId();
    await renamePerson(db, admin, { operationId, text: "Lena N.", targetId: learner.id });
    await expect(removePerson(db, admin, { operationId, text: "x", targetId: learner.id })).rejects.toMatchObject({ code: "conflict" });
  });
});

describe.runIf(env().testDatabaseUrl)("the operation kernel on two connections (PostgreSQL)", () => {
  it("two racing calls with one id do the work once and both answer with its result", async () => {
    const race = await createRaceDatabase();
    try {
      const acme = await createCompany(race.db, "Race Co");
      const boss = await createPerson(race.db, acme.id, { roles: ["admin"] });
      const target = await createPerson(race.db, acme.id, { name: "Target" });
      const operationId = opId();
      const input = { operationId, text: "Renamed once", targetId: target.id };
      const [a, b] = await Promise.all([renamePerson(race.first.db, boss, input), renamePerson(race.second.db, boss, input)]);
      expect(a.result).toEqual({ renamed: target.id });
      expect(b.result).toEqual({ renamed: target.id });
      expect([a.events?.length ?? 0, b.events?.length ?? 0].sort()).toEqual([0, 1]);
      const [audits] = await queryRows<{ n: number }>(
        race.db,
        sql`select count(*)::int as n from audit_log where action = 'test.renamed' and target_id = ${target.id}`,
      );
      expect(audits!.n).toBe(1);
    } finally {
      await race.close();
    }
  });
});
