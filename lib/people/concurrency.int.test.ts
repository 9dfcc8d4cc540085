import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { users } from "@/db/schema";
import { env } from "@/base/env";
import { withBarrier } from "@/tests/barrier";
import { createRaceDatabase, type RaceDatabase } from "@/tests/database";
import { createCompany, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { updatePersonSchema } from "./schemas";
import { deactivatePerson } from "./operations/deactivate-person";
import { updatePerson } from "./operations/update-person";

/** The barrier's lock: what both racers lock first. */
const companyRow = (companyId: string) => ({ text: "select id from companies where id = $1 for no key update", values: [companyId] });

/**
 * The last-admin guard under races: PostgreSQL only (PGlite serves one connection at a time). A third
 * connection holds the company's row lock as a barrier, so both changes are truly in flight together
 * before either can proceed.
 */
describe.runIf(env().testDatabaseUrl)("two admins at the same moment (PostgreSQL)", () => {
  let handle: RaceDatabase;
  let first: DatabaseHandle;
  let second: DatabaseHandle;

  beforeAll(async () => {
    handle = await createRaceDatabase();
    ({ first, second } = handle);
  });
  afterAll(async () => {
    await handle.close();
  });

  async function twoAdmins() {
    const company = await createCompany(handle.db, "Pair");
    const a = await createPerson(handle.db, company.id, { roles: ["admin"], name: "Admin A" });
    const b = await createPerson(handle.db, company.id, { roles: ["admin"], name: "Admin B" });
    return { company, a, b };
  }

  const activeAdmins = async (companyId: string) =>
    (
      await handle.db
        .select({ id: users.id })
        .from(users)
        .where(sql`${users.companyId} = ${companyId} and ${users.deactivatedAt} is null and 'admin' = any(${users.roles})`)
    ).map((row) => row.id);

  const demote = (db: DatabaseHandle, actor: TestPerson, person: TestPerson) =>
    updatePerson(db.db, actor, updatePersonSchema.parse({ personId: person.id, roles: [], operationId: opId() }));

  const codes = (outcomes: PromiseSettledResult<unknown>[]) =>
    outcomes.map((o) => (o.status === "fulfilled" ? "ok" : ((o.reason as { code?: string }).code ?? String(o.reason)))).sort();

  it("each drops their own admin role: one passes, the other is the last admin", async () => {
    const { company, a, b } = await twoAdmins();
    const outcomes = await withBarrier(handle.url!, companyRow(company.id), () =>
      Promise.allSettled([demote(first, a, a), demote(second, b, b)]),
    );
    expect(codes(outcomes)).toEqual(["last_admin", "ok"]);
    expect(await activeAdmins(company.id)).toHaveLength(1);
  });

  it("they demote each other: the second finds they are no admin any more, one admin remains", async () => {
    const { company, a, b } = await twoAdmins();
    const outcomes = await withBarrier(handle.url!, companyRow(company.id), () =>
      Promise.allSettled([demote(first, a, b), demote(second, b, a)]),
    );
    expect(codes(outcomes)).toEqual(["forbidden", "ok"]);
    expect(await activeAdmins(company.id)).toHaveLength(1);
  });

  it("they deactivate each other: one admin remains active", async () => {
    const { company, a, b } = await twoAdmins();
    const outcomes = await withBarrier(handle.url!, companyRow(company.id), () =>
      Promise.allSettled([
        deactivatePerson(first.db, a, { personId: b.id, operationId: opId() }),
        deactivatePerson(second.db, b, { personId: a.id, operationId: opId() }),
      ]),
    );
    expect(codes(outcomes)).toEqual(["forbidden", "ok"]);
    const remaining = await activeAdmins(company.id);
    expect(remaining).toHaveLength(1);
    const [survivor] = await handle.db.select().from(users).where(eq(users.id, remaining[0]!));
    expect(survivor?.deactivatedAt).toBeNull();
  });
});
