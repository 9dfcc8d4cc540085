import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, openPostgres, queryRows } from "@/db/client";
import { env } from "@/base/env";
import { addMembers } from "@/lib/membership/operations/add-members";
import { moveMembers } from "@/lib/membership/operations/move-members";
import { lockWaitersReach } from "@/tests/barrier";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createDepartment, createGroup, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { deactivatePerson } from "./operations/deactivate-person";

/**
 * Deactivation against the writes that put people into groups, each on its own connection
 * (PostgreSQL only: PGlite serves one connection at a time). Both services write their audit row
 * last, so a third connection holding `audit_log` in share mode is the barrier: the first service
 * stops there with its memberships written but not committed, the second starts and is also
 * stopped (at the barrier, or earlier by the service's own lock), then both go on and commit.
 * Whatever the order, the deactivated person must end up in no active group.
 */
describe.runIf(env().testDatabaseUrl)("deactivation racing adds and moves (PostgreSQL)", () => {
  let handle: TestDatabase;
  let writer: DatabaseHandle;
  let deactivator: DatabaseHandle;

  beforeAll(async () => {
    handle = await createTestDatabase();
    writer = openPostgres(handle.url!, { max: 1, connectAs: "owner" });
    deactivator = openPostgres(handle.url!, { max: 1, connectAs: "owner" });
  });
  afterAll(async () => {
    await writer.close();
    await deactivator.close();
    await handle.close();
  });

  async function holdAuditRows(): Promise<pg.Client> {
    const barrier = new pg.Client({ connectionString: handle.url! });
    await barrier.connect();
    await barrier.query("begin");
    await barrier.query("lock table audit_log in share mode");
    return barrier;
  }

  /**
   * A deactivation stopped by the membership write in flight: it does not queue in PostgreSQL (that
   * would freeze the company's other writes behind it, `db/locks.ts`) but tries the company's lock
   * again and again, its connection idle in its transaction between tries.
   */
  async function deactivationTrying(barrier: pg.Client): Promise<void> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      await barrier.query("select pg_stat_clear_snapshot()");
      const { rows } = await barrier.query<{ trying: number }>(
        `select count(*)::int as trying from pg_stat_activity
         where datname = current_database() and state = 'idle in transaction' and query like 'select pg_try_advisory_xact_lock%'`,
      );
      if (rows[0]!.trying > 0) return;
      if (Date.now() > deadline) throw new Error("the deactivation never tried for the company's lock");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Starts `first`, lets it stop before its audit row, starts `second`, waits until it is stopped too, then lets both finish. */
  async function race<A, B>(
    first: () => Promise<A>,
    second: () => Promise<B>,
    secondStopped: (barrier: pg.Client) => Promise<void> = (barrier) => lockWaitersReach(barrier, 2),
  ): Promise<[A, B]> {
    const barrier = await holdAuditRows();
    try {
      const a = first();
      await lockWaitersReach(barrier, 1);
      const b = second();
      await secondStopped(barrier);
      await barrier.query("commit");
      return await Promise.all([a, b]);
    } finally {
      await barrier.end();
    }
  }

  const activeGroupsOf = async (person: TestPerson) =>
    queryRows<{ name: string }>(
      handle.db,
      sql`select g.name from group_members m join learning_groups g on g.id = m.group_id
          where m.user_id = ${person.id} and g.archived_at is null`,
    );

  async function company() {
    const acme = await createCompany(handle.db, "Acme");
    const admin = await createPerson(handle.db, acme.id, { roles: ["admin"] });
    const sales = await createDepartment(handle.db, acme.id, "Sales");
    const leaver = await createPerson(handle.db, acme.id, { name: "Leaver", departmentId: sales.id });
    const colleague = await createPerson(handle.db, acme.id, { name: "Colleague", departmentId: sales.id });
    const earlier = await createGroup(handle.db, admin, { name: "Earlier", members: [leaver] });
    const target = await createGroup(handle.db, admin, { name: "Target" });
    return { admin, sales, leaver, colleague, earlier, target };
  }

  const addDepartment = (ctx: TestPerson, groupId: string, departmentId: string) =>
    addMembers(writer.db, ctx, { groupId, selection: { mode: "departments", departmentIds: [departmentId] }, operationId: opId() });
  const deactivate = (ctx: TestPerson, person: TestPerson) =>
    deactivatePerson(deactivator.db, ctx, { personId: person.id, operationId: opId() });

  it("an add of their department still open when they are deactivated: they leave the group it added them to", async () => {
    const { admin, sales, leaver, target } = await company();
    const [added, deactivated] = await race(
      () => addDepartment(admin, target.id, sales.id),
      () => deactivate(admin, leaver),
      deactivationTrying,
    );
    expect(added.result.added).toBe(2);
    expect(deactivated.result.groupsLeft).toBe(2);
    expect(await activeGroupsOf(leaver)).toEqual([]);
  });

  it("an add that starts while their deactivation is open: the add leaves them out", async () => {
    const { admin, sales, leaver, colleague, target } = await company();
    const [deactivated, added] = await race(
      () => deactivate(admin, leaver),
      () => addDepartment(admin, target.id, sales.id),
    );
    expect(deactivated.result.groupsLeft).toBe(1);
    expect(added.result).toEqual({ added: 1, alreadyMembers: 0, deactivated: 1 });
    expect(await activeGroupsOf(leaver)).toEqual([]);
    expect(await activeGroupsOf(colleague)).toEqual([{ name: "Target" }]);
  });

  it("a move to another group still open when they are deactivated: they are in neither group", async () => {
    const { admin, leaver, earlier, target } = await company();
    const [moved, deactivated] = await race(
      () => moveMembers(writer.db, admin, { groupId: earlier.id, targetGroupId: target.id, userIds: [leaver.id], operationId: opId() }),
      () => deactivate(admin, leaver),
      deactivationTrying,
    );
    expect(moved.result.moved).toBe(1);
    expect(deactivated.result.groupsLeft).toBe(1);
    expect(await activeGroupsOf(leaver)).toEqual([]);
  });
});
