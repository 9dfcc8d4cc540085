import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, groupMembers, learningGroups, membershipEvents, notifications } from "@/db/schema";
import { announcementKey } from "@/lib/notifications/announcements";
import { listNotifications } from "@/lib/notifications/queries";
import { listMyGroups } from "@/lib/home/queries";
import { userChannel } from "@/lib/realtime/channels";
import { reachNewcomers } from "@/lib/realtime/server";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createDepartment, createGroup, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { listHistory } from "./queries/history";
import { listMembers } from "./queries/members";
import { addMembers } from "./operations/add-members";
import { moveMembers } from "./operations/move-members";
import { previewAddMembers } from "./queries/preview";
import { removeMembers } from "./operations/remove-members";
import { requireGroupAccess } from "@/lib/group-access/access";

let handle: TestDatabase;
let admin: TestPerson;
let sales: TestPerson[];
let salesDepartmentId: string;
let stranger: TestPerson;

const membersOf = async (groupId: string) =>
  (await handle.db.select({ userId: groupMembers.userId }).from(groupMembers).where(eq(groupMembers.groupId, groupId)))
    .map((row) => row.userId)
    .sort();

beforeAll(async () => {
  handle = await createTestDatabase();
  const acme = await createCompany(handle.db, "Acme");
  const globex = await createCompany(handle.db, "Globex");
  admin = await createPerson(handle.db, acme.id, { roles: ["admin"], name: "Dana Admin" });
  salesDepartmentId = (await createDepartment(handle.db, acme.id, "Sales")).id;
  sales = await Promise.all(
    Array.from({ length: 6 }, (_, i) => createPerson(handle.db, acme.id, { name: `Seller ${i}`, departmentId: salesDepartmentId })),
  );
  await createPerson(handle.db, acme.id, { name: "Former Seller", departmentId: salesDepartmentId, deactivated: true });
  stranger = await createPerson(handle.db, globex.id);
});
afterAll(() => handle.close());

describe("adding members", () => {
  it("adds people individually, notifies each once, and a replay adds nobody twice", async () => {
    const group = await createGroup(handle.db, admin, { name: "Wave A" });
    const operationId = opId();
    const input = { groupId: group.id, selection: { mode: "people" as const, userIds: [sales[0]!.id, sales[1]!.id] }, operationId };
    const first = await addMembers(handle.db, admin, input);
    expect(first.result).toEqual({ added: 2, alreadyMembers: 0, deactivated: 0 });
    // Addressed to the add's newcomers, whom the publisher finds in the ledger after the commit.
    const [announced] = await reachNewcomers(first.events!.slice(0, 1), handle.db, async () => null);
    expect(announced!.channels.toSorted()).toEqual([userChannel(sales[0]!.id), userChannel(sales[1]!.id)].sort());
    // Of those, only people with a page open are sent to, when the realtime server can say who they are.
    const online = async () => new Set([userChannel(sales[1]!.id), userChannel(admin.id), "private-user-not-an-id"]);
    expect((await reachNewcomers(first.events!.slice(0, 1), handle.db, online))[0]!.channels).toEqual([userChannel(sales[1]!.id)]);
    expect(announced).toMatchObject({
      event: "personal.news",
      data: {
        notifications: [
          { key: announcementKey(group.id), type: "group.added", payload: { groupName: "Wave A", actorName: "Dana Admin" }, readAt: null },
        ],
        assignments: false,
      },
    });
    const replay = await addMembers(handle.db, admin, input);
    expect(replay.result).toEqual(first.result);
    expect(replay.events).toBeUndefined();
    expect(await membersOf(group.id)).toEqual([sales[0]!.id, sales[1]!.id].sort());
    // Told once each, by their memberships: the bell lists the notice, no notification row was written.
    for (const person of [sales[0]!, sales[1]!]) {
      const { items } = await listNotifications(handle.db, person);
      expect(items.filter((item) => item.groupId === group.id)).toEqual([
        expect.objectContaining({
          key: announcementKey(group.id),
          type: "group.added",
          payload: { groupName: "Wave A", actorName: "Dana Admin" },
        }),
      ]);
    }
    expect(await handle.db.select().from(notifications).where(eq(notifications.groupId, group.id))).toEqual([]);
    expect((await listMyGroups(handle.db, sales[0]!)).map((g) => g.name)).toEqual(["Wave A"]);
  });

  it("adds a department, skipping members and deactivated people, and reports them", async () => {
    const group = await createGroup(handle.db, admin, { name: "Wave B", members: [sales[0]!] });
    const selection = { mode: "departments" as const, departmentIds: [salesDepartmentId] };
    expect(await previewAddMembers(handle.db, admin, group.id, selection)).toEqual({
      selected: 7,
      toAdd: 5,
      alreadyMembers: 1,
      deactivated: 1,
      taken: 1,
      max: null,
    });
    const { result } = await addMembers(handle.db, admin, { groupId: group.id, selection, operationId: opId() });
    expect(result).toEqual({ added: 5, alreadyMembers: 1, deactivated: 1 });
    const ledger = await handle.db.select().from(membershipEvents).where(eq(membershipEvents.groupId, group.id));
    expect(ledger.filter((e) => e.source === "department")).toHaveLength(5);
    expect(ledger.every((e) => e.kind === "added")).toBe(true);
    const members = await listMembers(handle.db, admin, await requireGroupAccess(handle.db, admin, group.id));
    expect(members.rows.find((m) => m.userId === sales[1]!.id)).toMatchObject({
      addedByName: "Dana Admin",
      source: "department",
      sourceLabel: "Sales",
      departmentName: "Sales",
    });
    const audit = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, group.id), eq(auditLog.action, "group.members_added")));
    expect(audit[0]?.details).toMatchObject({ mode: "departments", added: 5, alreadyMembers: 1, deactivated: 1 });
  });

  it("copies the members of another group, archived ones too", async () => {
    const source = await createGroup(handle.db, admin, { name: "Old wave", members: [sales[2]!, sales[3]!] });
    const group = await createGroup(handle.db, admin, { name: "Wave C" });
    const { result } = await addMembers(handle.db, admin, {
      groupId: group.id,
      selection: { mode: "group", sourceGroupId: source.id },
      operationId: opId(),
    });
    expect(result.added).toBe(2);
    expect(
      (await listMembers(handle.db, admin, await requireGroupAccess(handle.db, admin, group.id))).rows.map((m) => m.sourceLabel),
    ).toEqual(["Old wave", "Old wave"]);
  });

  it("never adds another company's person, even by a posted id, nor copies another company's group", async () => {
    const group = await createGroup(handle.db, admin, { name: "Wave D" });
    const { result } = await addMembers(handle.db, admin, {
      groupId: group.id,
      selection: { mode: "people", userIds: [stranger.id, sales[4]!.id] },
      operationId: opId(),
    });
    expect(result.added).toBe(1);
    expect(await membersOf(group.id)).toEqual([sales[4]!.id]);
    const foreign = await createGroup(handle.db, stranger, { name: "Globex wave", members: [stranger] });
    await expect(
      addMembers(handle.db, admin, { groupId: group.id, selection: { mode: "group", sourceGroupId: foreign.id }, operationId: opId() }),
    ).rejects.toMatchObject({ code: "source_group_not_found" });
    await expect(
      addMembers(handle.db, admin, { groupId: foreign.id, selection: { mode: "people", userIds: [sales[0]!.id] }, operationId: opId() }),
    ).rejects.toMatchObject({ code: "not_found" });
  });

  it("refuses a batch over the maximum with the numbers, adding nobody", async () => {
    const group = await createGroup(handle.db, admin, { name: "Wave E", maxMembers: 3, members: [sales[0]!, sales[1]!] });
    await expect(
      addMembers(handle.db, admin, {
        groupId: group.id,
        selection: { mode: "departments", departmentIds: [salesDepartmentId] },
        operationId: opId(),
      }),
    ).rejects.toMatchObject({ code: "group_full", values: { left: 1, max: 3, selected: 4 } });
    expect(await membersOf(group.id)).toHaveLength(2);
    expect(await handle.db.select().from(notifications).where(eq(notifications.groupId, group.id))).toEqual([]);
  });

  it("refuses changes to an archived group", async () => {
    const group = await createGroup(handle.db, admin, { name: "Wave F" });
    await handle.db.update(learningGroups).set({ archivedAt: new Date() }).where(eq(learningGroups.id, group.id));
    await expect(
      addMembers(handle.db, admin, { groupId: group.id, selection: { mode: "people", userIds: [sales[0]!.id] }, operationId: opId() }),
    ).rejects.toMatchObject({ code: "group_archived" });
  });
});

describe("removing and moving", () => {
  it("removes: notified, in the ledger, history kept; sockets stay (the group's epoch refuses them)", async () => {
    const group = await createGroup(handle.db, admin, { name: "Wave G", members: [sales[0]!, sales[1]!] });
    const outcome = await removeMembers(handle.db, admin, { groupId: group.id, userIds: [sales[0]!.id], operationId: opId() });
    expect(outcome.result).toEqual({ removed: 1 });
    expect(outcome.disconnectUsers).toBeUndefined();
    expect(outcome.events?.[0]).toMatchObject({
      channels: [userChannel(sales[0]!.id)],
      data: { notifications: [{ type: "group.removed" }] },
    });
    expect(await membersOf(group.id)).toEqual([sales[1]!.id]);
    const history = await listHistory(handle.db, admin, await requireGroupAccess(handle.db, admin, group.id));
    expect(history.rows[0]).toMatchObject({ kind: "removed", actorName: "Dana Admin", personName: "Seller 0" });
    await expect(
      requireGroupAccess(handle.db, sales[0]!, group.id).then((access) => listMembers(handle.db, sales[0]!, access)),
    ).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(listMembers(handle.db, sales[1]!, await requireGroupAccess(handle.db, sales[1]!, group.id))).resolves.toMatchObject({
      total: 1,
    });
  });

  it("moves in one transaction with one notification and both ledgers", async () => {
    const from = await createGroup(handle.db, admin, { name: "Wave H", members: [sales[0]!, sales[1]!] });
    const to = await createGroup(handle.db, admin, { name: "Quiet group", members: [sales[1]!] });
    const outcome = await moveMembers(handle.db, admin, {
      groupId: from.id,
      targetGroupId: to.id,
      userIds: [sales[0]!.id, sales[1]!.id],
      operationId: opId(),
    });
    expect(outcome.result).toEqual({ moved: 2, alreadyInTarget: 1 });
    expect(await membersOf(from.id)).toEqual([]);
    expect(await membersOf(to.id)).toEqual([sales[0]!.id, sales[1]!.id].sort());
    const movedNotices = await handle.db.select().from(notifications).where(eq(notifications.type, "group.moved"));
    expect(movedNotices.map((n) => n.userId).sort()).toEqual([sales[0]!.id, sales[1]!.id].sort());
    const fromLedger = await handle.db.select().from(membershipEvents).where(eq(membershipEvents.groupId, from.id));
    const toLedger = await handle.db.select().from(membershipEvents).where(eq(membershipEvents.groupId, to.id));
    expect(fromLedger.filter((e) => e.kind === "removed" && e.source === "move")).toHaveLength(2);
    expect(toLedger.filter((e) => e.kind === "added" && e.source === "move")).toEqual([
      expect.objectContaining({ userId: sales[0]!.id, sourceLabel: "Wave H" }),
    ]);
  });

  it("refuses a move into a full group, changing nothing", async () => {
    const from = await createGroup(handle.db, admin, { name: "Wave I", members: [sales[2]!, sales[3]!] });
    const to = await createGroup(handle.db, admin, { name: "Small", maxMembers: 1, members: [sales[4]!] });
    await expect(
      moveMembers(handle.db, admin, { groupId: from.id, targetGroupId: to.id, userIds: [sales[2]!.id], operationId: opId() }),
    ).rejects.toMatchObject({ code: "group_full", values: { left: 0, max: 1, selected: 1 } });
    expect(await membersOf(from.id)).toHaveLength(2);
  });
});
