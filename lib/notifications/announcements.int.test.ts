import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withCompany } from "@/db/company";
import { groupMembers, learningGroups } from "@/db/schema";
import { addMembers } from "@/lib/membership/operations/add-members";
import { removeMembers } from "@/lib/membership/operations/remove-members";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createGroup, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { announcementKey } from "./announcements";
import { markAllNotificationsRead } from "./operations/mark-all-notifications-read";
import { markNotificationRead } from "./operations/mark-notification-read";
import { countUnreadNotifications, listNotifications } from "./queries";
import { createNotifications } from "./sql";

let handle: TestDatabase;
let admin: TestPerson;
let learner: TestPerson;
let colleague: TestPerson;

beforeAll(async () => {
  handle = await createTestDatabase();
  const companyId = (await createCompany(handle.db, "Acme")).id;
  admin = await createPerson(handle.db, companyId, { roles: ["admin"], name: "Dana Admin" });
  learner = await createPerson(handle.db, companyId, { name: "Lena Learner" });
  colleague = await createPerson(handle.db, companyId, { name: "Colin Colleague" });
});
afterAll(() => handle.close());

const add = (groupId: string, people: TestPerson[]) =>
  addMembers(handle.db, admin, { groupId, selection: { mode: "people", userIds: people.map((p) => p.id) }, operationId: opId() });
const pause = () => new Promise((resolve) => setTimeout(resolve, 3));

describe("the notice of an add, derived from the membership", () => {
  it("is listed among the notification rows in one order, paged across both, and counted unread", async () => {
    const [first, second] = [
      await createGroup(handle.db, admin, { name: "First" }),
      await createGroup(handle.db, admin, { name: "Second" }),
    ];
    await add(first.id, [learner]);
    await pause();
    await createNotifications(handle.db, [
      { companyId: learner.companyId, userId: learner.id, type: "group.removed", payload: { groupName: "Old", actorName: "Dana Admin" } },
    ]);
    await pause();
    await add(second.id, [learner]);

    const page = await listNotifications(handle.db, learner, null, 2);
    expect(page.items.map((item) => [item.type, item.payload.groupName])).toEqual([
      ["group.added", "Second"],
      ["group.removed", "Old"],
    ]);
    expect(page.items[0]).toMatchObject({ key: announcementKey(second.id), groupId: second.id, readAt: null });
    const rest = await listNotifications(handle.db, learner, page.nextCursor, 2);
    expect(rest.items.map((item) => [item.type, item.payload.groupName])).toEqual([["group.added", "First"]]);
    expect(rest.nextCursor).toBeNull();
    expect(await countUnreadNotifications(handle.db, learner)).toBe(3);
    // Nobody else sees it, in the company or out of it.
    expect((await listNotifications(handle.db, colleague)).items).toEqual([]);
  });

  it("is marked read by its key, by its member only, and by Mark all read", async () => {
    const group = await createGroup(handle.db, admin, { name: "Marked" });
    await add(group.id, [colleague]);
    const key = announcementKey(group.id);
    await expect(markNotificationRead(handle.db, learner, { key, operationId: opId() })).rejects.toMatchObject({ code: "not_found" });
    const marked = await markNotificationRead(handle.db, colleague, { key, operationId: opId() });
    expect(marked.events).toHaveLength(1);
    expect((await markNotificationRead(handle.db, colleague, { key, operationId: opId() })).events).toEqual([]);
    expect((await listNotifications(handle.db, colleague)).items[0]!.readAt).not.toBeNull();
    expect(await countUnreadNotifications(handle.db, colleague)).toBe(0);

    const unread = await countUnreadNotifications(handle.db, learner);
    expect(unread).toBeGreaterThan(0);
    const all = await markAllNotificationsRead(handle.db, learner, { operationId: opId() });
    expect(all.result.notifications).toBe(unread);
    expect(await countUnreadNotifications(handle.db, learner)).toBe(0);
  });

  it("goes with the membership: a removed member is no longer told they were added", async () => {
    const group = await createGroup(handle.db, admin, { name: "Short stay" });
    const person = await createPerson(handle.db, admin.companyId);
    await add(group.id, [person]);
    await removeMembers(handle.db, admin, { groupId: group.id, userIds: [person.id], operationId: opId() });
    expect((await listNotifications(handle.db, person)).items.map((item) => item.type)).toEqual(["group.removed"]);
  });

  it("is not written for a membership nobody was told of, and a read one leaves the bell after the retention period", async () => {
    const group = await createGroup(handle.db, admin, { name: "Quiet", members: [learner] });
    const mine = (items: { groupId: string | null }[]) => items.filter((item) => item.groupId === group.id);
    expect(mine((await listNotifications(handle.db, learner, null, 100)).items)).toEqual([]);
    const other = await createGroup(handle.db, admin, { name: "Long ago" });
    await add(other.id, [learner]);
    const longAgo = new Date(Date.now() - 181 * 86_400_000);
    await handle.db.update(groupMembers).set({ announcementReadAt: longAgo }).where(eq(groupMembers.groupId, other.id));
    expect((await listNotifications(handle.db, learner, null, 100)).items.some((item) => item.groupId === other.id)).toBe(false);
  });
});

describe("a membership's group and person, checked once per statement", () => {
  it("refuses a group or a person that does not exist, and a person of another company", async () => {
    const group = await createGroup(handle.db, admin, { name: "Checked" });
    const row = { groupId: group.id, userId: learner.id, companyId: admin.companyId, source: "individual" as const };
    await expect(handle.db.insert(groupMembers).values({ ...row, groupId: crypto.randomUUID() })).rejects.toMatchObject({
      cause: expect.objectContaining({ code: "23503" }),
    });
    await expect(handle.db.insert(groupMembers).values({ ...row, userId: crypto.randomUUID() })).rejects.toMatchObject({
      cause: expect.objectContaining({ code: "23503" }),
    });
    const stranger = await createPerson(handle.db, (await createCompany(handle.db, "Globex")).id);
    await expect(
      withCompany(handle.db, admin.companyId)
        .insert(groupMembers)
        .values({ ...row, userId: stranger.id }),
    ).rejects.toMatchObject({
      cause: expect.objectContaining({ code: "23503" }),
    });
  });

  it("never moves a membership to another group or person, and deleting the group takes its memberships", async () => {
    const group = await createGroup(handle.db, admin, { name: "Fixed", members: [learner] });
    const other = await createGroup(handle.db, admin, { name: "Elsewhere" });
    await expect(handle.db.update(groupMembers).set({ groupId: other.id }).where(eq(groupMembers.groupId, group.id))).rejects.toMatchObject(
      {
        cause: expect.objectContaining({ code: "23503" }),
      },
    );
    await handle.db.delete(learningGroups).where(eq(learningGroups.id, group.id));
    expect(await handle.db.select().from(groupMembers).where(eq(groupMembers.groupId, group.id))).toEqual([]);
  });
});
