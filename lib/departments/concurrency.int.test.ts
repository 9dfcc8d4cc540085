import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { departments, users } from "@/db/schema";
import { env } from "@/base/env";
import { withBarrier } from "@/tests/barrier";
import { createRaceDatabase, type RaceDatabase } from "@/tests/database";
import { createCompany, createDepartment, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { deleteDepartment } from "./operations/delete-department";
import { mergeDepartments } from "./operations/merge-departments";

/** The barrier's lock: what both racers lock first. */
const departmentRows = (ids: string[]) => ({ text: "select id from departments where id = any($1::uuid[]) for update", values: [ids] });

/**
 * Races need two real connections: PostgreSQL only. A third connection holds the departments'
 * row locks as a barrier, so both operations are in flight together before either proceeds.
 */
describe.runIf(env().testDatabaseUrl)("concurrent department changes (PostgreSQL)", () => {
  let handle: RaceDatabase;
  let first: DatabaseHandle;
  let second: DatabaseHandle;
  let admin: TestPerson;
  let otherAdmin: TestPerson;

  beforeAll(async () => {
    handle = await createRaceDatabase();
    ({ first, second } = handle);
    const acme = await createCompany(handle.db, "Acme");
    admin = await createPerson(handle.db, acme.id, { roles: ["admin"] });
    otherAdmin = await createPerson(handle.db, acme.id, { roles: ["admin"] });
  });
  afterAll(async () => {
    await handle.close();
  });

  const peopleIn = async (ids: string[]) => {
    const rows = await handle.db.select({ departmentId: users.departmentId }).from(users).where(inArray(users.id, ids));
    return rows.map((row) => row.departmentId);
  };

  it("two admins merging A into B and B into A at once: one merge happens, the other is not found, nobody is lost", async () => {
    const a = await createDepartment(handle.db, admin.companyId, "Crossed A");
    const b = await createDepartment(handle.db, admin.companyId, "Crossed B");
    const inA = await Promise.all([1, 2].map(() => createPerson(handle.db, admin.companyId, { departmentId: a.id })));
    const inB = await Promise.all([1, 2, 3].map(() => createPerson(handle.db, admin.companyId, { departmentId: b.id })));
    const outcomes = await withBarrier(handle.url!, departmentRows([a.id, b.id]), () =>
      Promise.allSettled([
        mergeDepartments(first.db, admin, { departmentId: a.id, targetId: b.id, operationId: opId() }),
        mergeDepartments(second.db, otherAdmin, { departmentId: b.id, targetId: a.id, operationId: opId() }),
      ]),
    );
    const rejected = outcomes.filter((o) => o.status === "rejected");
    expect(rejected).toHaveLength(1);
    expect((rejected[0] as PromiseRejectedResult).reason).toMatchObject({ code: "not_found" });
    const left = await handle.db
      .select({ id: departments.id })
      .from(departments)
      .where(inArray(departments.id, [a.id, b.id]));
    expect(left).toHaveLength(1);
    expect(new Set(await peopleIn([...inA, ...inB].map((p) => p.id)))).toEqual(new Set([left[0]!.id]));
  });

  it("deleting B while A is merged into it: either the merge wins and the delete is refused, or the merge finds no B", async () => {
    const a = await createDepartment(handle.db, admin.companyId, "Race A");
    const b = await createDepartment(handle.db, admin.companyId, "Race B");
    const inA = await Promise.all([1, 2].map(() => createPerson(handle.db, admin.companyId, { departmentId: a.id })));
    const outcomes = await withBarrier(handle.url!, departmentRows([a.id, b.id]), () =>
      Promise.allSettled([
        mergeDepartments(first.db, admin, { departmentId: a.id, targetId: b.id, operationId: opId() }),
        deleteDepartment(second.db, otherAdmin, { departmentId: b.id, operationId: opId() }),
      ]),
    );
    const [merge, remove] = outcomes;
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    if (merge?.status === "fulfilled") {
      expect((remove as PromiseRejectedResult).reason).toMatchObject({ code: "department_not_empty", values: { people: 2 } });
      expect(await peopleIn(inA.map((p) => p.id))).toEqual([b.id, b.id]);
    } else {
      expect((merge as PromiseRejectedResult).reason).toMatchObject({ code: "not_found" });
      expect(await peopleIn(inA.map((p) => p.id))).toEqual([a.id, a.id]);
    }
    const [still] = await handle.db.select().from(users).where(eq(users.id, inA[0]!.id));
    expect(still?.departmentId).not.toBeNull();
  });
});
