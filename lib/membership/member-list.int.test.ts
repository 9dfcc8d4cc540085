import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { companies, groupMembers, membershipEvents, notifications, users } from "@/db/schema";
import { listNotifications } from "@/lib/notifications/queries";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createDepartment, createGroup, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { listHistory } from "./queries/history";
import { listMembers, MEMBERS_PAGE_SIZE } from "./queries/members";
import { addMembers } from "./operations/add-members";
import { requireGroupAccess } from "@/lib/group-access/access";

let handle: TestDatabase;
let acmeId: string;
let admin: TestPerson;

beforeAll(async () => {
  handle = await createTestDatabase();
  acmeId = (await createCompany(handle.db, "Acme")).id;
  admin = await createPerson(handle.db, acmeId, { roles: ["admin"], name: "Dana Admin" });
});
afterAll(() => handle.close());

const namesOf = (page: { rows: { name: string }[] }) => page.rows.map((row) => row.name);

describe("the member list", () => {
  it("pages through a group in name order, whatever the case, however the members came in", async () => {
    const departmentId = (await createDepartment(handle.db, acmeId, "Field")).id;
    // Names whose order differs from their creation order and mixes cases; the department add
    // and the fixture's direct insert are the two ways a member row is written.
    const names = Array.from({ length: MEMBERS_PAGE_SIZE + 3 }, (_, i) => `${i % 2 ? "b" : "A"}${String(99 - i).padStart(2, "0")} Person`);
    const people: TestPerson[] = [];
    for (const name of names) people.push(await createPerson(handle.db, acmeId, { name, departmentId }));
    const direct = people.slice(0, 3);
    const group = await createGroup(handle.db, admin, { name: "Big wave", members: direct });
    await addMembers(handle.db, admin, {
      groupId: group.id,
      selection: { mode: "departments", departmentIds: [departmentId] },
      operationId: opId(),
    });
    const expected = [...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));

    const first = await listMembers(handle.db, admin, await requireGroupAccess(handle.db, admin, group.id));
    const second = await listMembers(handle.db, admin, await requireGroupAccess(handle.db, admin, group.id), { page: 2 });
    expect(first.total).toBe(names.length);
    expect(namesOf(first)).toEqual(expected.slice(0, MEMBERS_PAGE_SIZE));
    expect(namesOf(second)).toEqual(expected.slice(MEMBERS_PAGE_SIZE));
    expect(second).toMatchObject({ page: 2, total: names.length, pageSize: MEMBERS_PAGE_SIZE });
    expect(first.rows.find((row) => row.userId === direct[0]!.id)).toMatchObject({ source: "individual", addedByName: "Dana Admin" });
    expect(first.rows.find((row) => row.name === expected[0])).toMatchObject({ source: "department", sourceLabel: "Field" });

    const searched = await listMembers(handle.db, admin, await requireGroupAccess(handle.db, admin, group.id), { search: "a9" });
    expect(namesOf(searched)).toEqual(expected.filter((name) => name.toLowerCase().startsWith("a9")));
    expect(searched.total).toBe(searched.rows.length);
    expect(await listMembers(handle.db, admin, await requireGroupAccess(handle.db, admin, group.id), { page: 9 })).toMatchObject({
      rows: [],
      total: names.length,
    });
  });

  it("follows a rename: the person moves to their new place at once", async () => {
    const [ada, bea, cyd] = [
      await createPerson(handle.db, acmeId, { name: "Ada Rename" }),
      await createPerson(handle.db, acmeId, { name: "Bea Rename" }),
      await createPerson(handle.db, acmeId, { name: "Cyd Rename" }),
    ];
    const group = await createGroup(handle.db, admin, { name: "Rename wave", members: [ada!, bea!, cyd!] });
    await handle.db.update(users).set({ name: "zoe (formerly Ada)" }).where(eq(users.id, ada!.id));
    expect(namesOf(await listMembers(handle.db, admin, await requireGroupAccess(handle.db, admin, group.id)))).toEqual([
      "Bea Rename",
      "Cyd Rename",
      "zoe (formerly Ada)",
    ]);
    expect(namesOf(await listMembers(handle.db, admin, await requireGroupAccess(handle.db, admin, group.id), { search: "ZOE" }))).toEqual([
      "zoe (formerly Ada)",
    ]);
  });
});

describe("deleting people, groups and companies", () => {
  it("deleting a person takes their memberships, ledger rows and notifications, and forgets them as the actor", async () => {
    const omar = await createPerson(handle.db, acmeId, { roles: ["admin"], name: "Omar Admin" });
    const [leaver, stayer] = [
      await createPerson(handle.db, acmeId, { name: "Lou Leaver" }),
      await createPerson(handle.db, acmeId, { name: "Sam Stayer" }),
    ];
    const group = await createGroup(handle.db, admin, { name: "Delete wave", visibility: "public" });
    await addMembers(handle.db, omar, {
      groupId: group.id,
      selection: { mode: "people", userIds: [leaver!.id, stayer!.id] },
      operationId: opId(),
    });

    await handle.db.delete(users).where(inArray(users.id, [omar.id, leaver!.id]));

    const members = await listMembers(handle.db, admin, await requireGroupAccess(handle.db, admin, group.id));
    expect(members.rows).toEqual([expect.objectContaining({ name: "Sam Stayer", addedByName: null })]);
    const ledger = await handle.db.select().from(membershipEvents).where(eq(membershipEvents.groupId, group.id));
    expect(ledger).toEqual([expect.objectContaining({ userId: stayer!.id, actorId: null })]);
    expect((await listHistory(handle.db, admin, await requireGroupAccess(handle.db, admin, group.id))).rows).toEqual([
      expect.objectContaining({ personName: "Sam Stayer", actorName: null }),
    ]);
    // The stayer's notice of the add stays, without the deleted adder's name.
    expect((await listNotifications(handle.db, stayer!)).items).toEqual([
      expect.objectContaining({ type: "group.added", payload: { groupName: "Delete wave", actorName: "" } }),
    ]);
  });

  it("deleting a company leaves no ledger row or notification of it behind", async () => {
    const initech = await createCompany(handle.db, "Initech");
    const boss = await createPerson(handle.db, initech.id, { roles: ["admin"], name: "Bill Boss" });
    const peter = await createPerson(handle.db, initech.id, { name: "Peter Worker" });
    const group = await createGroup(handle.db, boss, { name: "TPS reports" });
    await addMembers(handle.db, boss, { groupId: group.id, selection: { mode: "people", userIds: [peter.id] }, operationId: opId() });
    const before = await handle.db.select().from(membershipEvents).where(eq(membershipEvents.companyId, initech.id));
    expect(before).toHaveLength(1);

    await handle.db.delete(companies).where(eq(companies.id, initech.id));

    expect(await handle.db.select().from(membershipEvents).where(eq(membershipEvents.companyId, initech.id))).toEqual([]);
    expect(await handle.db.select().from(notifications).where(eq(notifications.companyId, initech.id))).toEqual([]);
    expect(await handle.db.select().from(groupMembers).where(eq(groupMembers.companyId, initech.id))).toEqual([]);
  });
});
