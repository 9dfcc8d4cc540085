import { and, eq, ne } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, openPostgres } from "@/db/client";
import { auditLog, groupMembers, learningGroups, membershipEvents } from "@/db/schema";
import { env } from "@/base/env";
import { AppError } from "@/lib/errors";
import { withBarrier } from "@/tests/barrier";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createGroup, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { joinGroup } from "./operations/join-group";
import { leaveGroup } from "./operations/leave-group";

let handle: TestDatabase;
let admin: TestPerson;
let lena: TestPerson;
let omar: TestPerson;
let outsider: TestPerson;

beforeAll(async () => {
  handle = await createTestDatabase();
  const acme = await createCompany(handle.db, "Acme");
  const globex = await createCompany(handle.db, "Globex");
  admin = await createPerson(handle.db, acme.id, { roles: ["admin"] });
  lena = await createPerson(handle.db, acme.id);
  omar = await createPerson(handle.db, acme.id);
  outsider = await createPerson(handle.db, globex.id);
});
afterAll(() => handle.close());

const membersOf = (groupId: string) => handle.db.select().from(groupMembers).where(eq(groupMembers.groupId, groupId));
/** The ledger's rows of joins and leaves (the fixture's own members came in as "individual" adds). */
const ledgerOf = (groupId: string) =>
  handle.db
    .select()
    .from(membershipEvents)
    .where(and(eq(membershipEvents.groupId, groupId), ne(membershipEvents.source, "individual")))
    .orderBy(membershipEvents.id);

async function codeOf(attempt: Promise<unknown>) {
  try {
    await attempt;
    return "ok";
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

describe("joining a public group", () => {
  it("adds me with a 'join' ledger row and an audit row, and announces the change on the group's channel", async () => {
    const group = await createGroup(handle.db, admin, { visibility: "public" });
    const outcome = await joinGroup(handle.db, lena, { groupId: group.id, operationId: opId() });
    expect(outcome.result).toEqual({ joined: true });
    expect(outcome.events).toEqual([{ channels: [`group:${group.id}`], event: "membership.changed", data: { groupId: group.id } }]);
    const [member] = await membersOf(group.id);
    expect(member).toMatchObject({ userId: lena.id, source: "join", addedBy: lena.id });
    expect(await ledgerOf(group.id)).toMatchObject([{ userId: lena.id, kind: "added", source: "join", actorId: lena.id }]);
    const audit = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, group.id), eq(auditLog.action, "group.joined")));
    expect(audit).toHaveLength(1);
  });

  it("a replay of the same operation answers the first result and writes nothing more", async () => {
    const group = await createGroup(handle.db, admin, { visibility: "public" });
    const input = { groupId: group.id, operationId: opId() };
    await joinGroup(handle.db, lena, input);
    const replay = await joinGroup(handle.db, lena, input);
    expect(replay).toEqual({ result: { joined: true } });
    expect(await ledgerOf(group.id)).toHaveLength(1);
  });

  it("joining a group I am already in changes nothing", async () => {
    const group = await createGroup(handle.db, admin, { visibility: "public", members: [lena] });
    const outcome = await joinGroup(handle.db, lena, { groupId: group.id, operationId: opId() });
    expect(outcome).toEqual({ result: { joined: false } });
    expect(await ledgerOf(group.id)).toHaveLength(0);
  });

  it("a person deactivated before the join commits is not put in the group", async () => {
    const group = await createGroup(handle.db, admin, { visibility: "public" });
    const leaving = await createPerson(handle.db, admin.companyId, { deactivated: true });
    const outcome = await joinGroup(handle.db, leaving, { groupId: group.id, operationId: opId() });
    expect(outcome).toEqual({ result: { joined: false } });
    expect(await membersOf(group.id)).toHaveLength(0);
    expect(await ledgerOf(group.id)).toHaveLength(0);
  });

  it("a full group refuses with the numbers", async () => {
    const group = await createGroup(handle.db, admin, { visibility: "public", maxMembers: 1, members: [omar] });
    await expect(joinGroup(handle.db, lena, { groupId: group.id, operationId: opId() })).rejects.toMatchObject({
      code: "group_full_join",
      values: { max: 1 },
    });
    expect(await membersOf(group.id)).toHaveLength(1);
  });

  it("private, archived and other companies' groups do not exist for a would-be joiner", async () => {
    const privateGroup = await createGroup(handle.db, admin);
    const archived = await createGroup(handle.db, admin, { visibility: "public" });
    await handle.db.update(learningGroups).set({ archivedAt: new Date() }).where(eq(learningGroups.id, archived.id));
    const publicGroup = await createGroup(handle.db, admin, { visibility: "public" });
    expect(await codeOf(joinGroup(handle.db, lena, { groupId: privateGroup.id, operationId: opId() }))).toBe("not_found");
    expect(await codeOf(joinGroup(handle.db, lena, { groupId: archived.id, operationId: opId() }))).toBe("not_found");
    expect(await codeOf(joinGroup(handle.db, outsider, { groupId: publicGroup.id, operationId: opId() }))).toBe("not_found");
    expect(await membersOf(privateGroup.id)).toHaveLength(0);
    expect(await membersOf(publicGroup.id)).toHaveLength(0);
  });
});

describe("leaving a public group", () => {
  it("takes me out with a 'leave' ledger row and announces the change, my sockets left open", async () => {
    const group = await createGroup(handle.db, admin, { visibility: "public", members: [lena, omar] });
    const outcome = await leaveGroup(handle.db, lena, { groupId: group.id, operationId: opId() });
    expect(outcome.result).toEqual({ left: true });
    expect(outcome.disconnectUsers).toBeUndefined();
    expect(outcome.events?.[0]).toMatchObject({ event: "membership.changed" });
    expect((await membersOf(group.id)).map((m) => m.userId)).toEqual([omar.id]);
    expect(await ledgerOf(group.id)).toMatchObject([{ userId: lena.id, kind: "removed", source: "leave", actorId: lena.id }]);
  });

  it("leaving twice, or a group I am not in, changes nothing", async () => {
    const group = await createGroup(handle.db, admin, { visibility: "public", members: [lena] });
    const input = { groupId: group.id, operationId: opId() };
    await leaveGroup(handle.db, lena, input);
    expect(await leaveGroup(handle.db, lena, input)).toEqual({ result: { left: true } });
    expect(await leaveGroup(handle.db, lena, { groupId: group.id, operationId: opId() })).toEqual({ result: { left: false } });
    expect(await ledgerOf(group.id)).toHaveLength(1);
  });

  it("private groups have no self-Leave; archived ones are read-only", async () => {
    const privateGroup = await createGroup(handle.db, admin, { members: [lena] });
    expect(await codeOf(leaveGroup(handle.db, lena, { groupId: privateGroup.id, operationId: opId() }))).toBe("forbidden");
    const archived = await createGroup(handle.db, admin, { visibility: "public", members: [lena] });
    await handle.db.update(learningGroups).set({ archivedAt: new Date() }).where(eq(learningGroups.id, archived.id));
    expect(await codeOf(leaveGroup(handle.db, lena, { groupId: archived.id, operationId: opId() }))).toBe("group_archived");
    expect(await membersOf(privateGroup.id)).toHaveLength(1);
    expect(await membersOf(archived.id)).toHaveLength(1);
  });
});

/** Two joiners racing for the last place, each on its own connection: PostgreSQL only. */
describe.runIf(env().testDatabaseUrl)("the last place (PostgreSQL, two connections)", () => {
  let first: DatabaseHandle;
  let second: DatabaseHandle;
  beforeAll(() => {
    first = openPostgres(handle.url!, { max: 1, connectAs: "owner" });
    second = openPostgres(handle.url!, { max: 1, connectAs: "owner" });
  });
  afterAll(async () => {
    await first.close();
    await second.close();
  });

  it("exactly one of two joiners gets in; the other is refused with the numbers", async () => {
    const group = await createGroup(handle.db, admin, { visibility: "public", maxMembers: 2, members: [admin] });
    const outcomes = await withBarrier(
      handle.url!,
      { text: "select id from learning_groups where id = $1 for update", values: [group.id] },
      () =>
        Promise.allSettled([
          joinGroup(first.db, lena, { groupId: group.id, operationId: opId() }),
          joinGroup(second.db, omar, { groupId: group.id, operationId: opId() }),
        ]),
    );
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const rejected = outcomes.filter((o) => o.status === "rejected");
    expect(rejected).toHaveLength(1);
    expect((rejected[0] as PromiseRejectedResult).reason).toMatchObject({ code: "group_full_join", values: { max: 2 } });
    expect(await membersOf(group.id)).toHaveLength(2);
  });
});
