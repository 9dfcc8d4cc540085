import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { groupMembers } from "@/db/schema";
import { listNotifications } from "@/lib/notifications/queries";
import { env } from "@/base/env";
import { withBarrier } from "@/tests/barrier";
import { createRaceDatabase, type RaceDatabase } from "@/tests/database";
import { createCompany, createGroup, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { addMembers } from "./operations/add-members";

/** The barrier's lock: what both racers lock first. */
const groupRow = (groupId: string) => ({ text: "select id from learning_groups where id = $1 for update", values: [groupId] });

/**
 * Races need two real connections: PostgreSQL only (PGlite serves one connection at a time).
 * A third connection holds the group's row lock as a barrier, so both batches are truly in flight
 * together before either can proceed.
 */
describe.runIf(env().testDatabaseUrl)("concurrent membership changes (PostgreSQL)", () => {
  let handle: RaceDatabase;
  let first: DatabaseHandle;
  let second: DatabaseHandle;
  let admin: TestPerson;
  let people: TestPerson[];

  beforeAll(async () => {
    handle = await createRaceDatabase();
    ({ first, second } = handle);
    const acme = await createCompany(handle.db, "Acme");
    admin = await createPerson(handle.db, acme.id, { roles: ["admin"] });
    people = await Promise.all(Array.from({ length: 8 }, () => createPerson(handle.db, acme.id)));
  });
  afterAll(async () => {
    await handle.close();
  });

  it("two batches racing for the last places: one wins, the other is refused with the numbers", async () => {
    const group = await createGroup(handle.db, admin, { name: "Race", maxMembers: 5, members: people.slice(0, 3) });
    const batch = (db: DatabaseHandle, who: TestPerson[]) =>
      addMembers(db.db, admin, { groupId: group.id, selection: { mode: "people", userIds: who.map((p) => p.id) }, operationId: opId() });
    const outcomes = await withBarrier(handle.url!, groupRow(group.id), () =>
      Promise.allSettled([batch(first, people.slice(3, 5)), batch(second, people.slice(5, 7))]),
    );
    const fulfilled = outcomes.filter((o) => o.status === "fulfilled");
    const rejected = outcomes.filter((o) => o.status === "rejected");
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect((rejected[0] as PromiseRejectedResult).reason).toMatchObject({
      code: "group_full",
      values: { left: 0, max: 5, selected: 2 },
    });
    const members = await handle.db.select().from(groupMembers).where(eq(groupMembers.groupId, group.id));
    expect(members).toHaveLength(5);
  });

  it("a double submit of the same operation adds and notifies once, and both get the same answer", async () => {
    const group = await createGroup(handle.db, admin, { name: "Double" });
    const input = { groupId: group.id, selection: { mode: "people" as const, userIds: [people[7]!.id] }, operationId: opId() };
    const [a, b] = await withBarrier(handle.url!, groupRow(group.id), () =>
      Promise.all([addMembers(first.db, admin, input), addMembers(second.db, admin, input)]),
    );
    expect(a.result).toEqual(b.result);
    expect(a.result.added).toBe(1);
    expect([a.events, b.events].filter(Boolean)).toHaveLength(1);
    const { items } = await listNotifications(handle.db, people[7]!);
    expect(items.filter((item) => item.groupId === group.id)).toEqual([expect.objectContaining({ type: "group.added" })]);
  });
});
