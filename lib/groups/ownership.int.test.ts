import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { auditLog, groupMembers, learningGroups, notifications } from "@/db/schema";
import type { Ctx } from "@/lib/auth/viewer";
import { postMessage } from "@/lib/chat/operations/post-message";
import { joinGroup } from "@/lib/membership/operations/join-group";
import { addMembers } from "@/lib/membership/operations/add-members";
import { previewAddMembers } from "@/lib/membership/queries/preview";
import { removeMembers } from "@/lib/membership/operations/remove-members";
import { updatePerson } from "@/lib/people/operations/update-person";
import { canSubscribe } from "@/lib/group-access/channels";
import { groupAdminChannelAt, groupChannelAt } from "@/lib/realtime/channels";
import { currentEpochs } from "@/lib/realtime/epochs";
import { exportStatisticsMembers } from "@/lib/statistics/group";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createCourse, createGroup as insertGroup, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { refusalOr } from "@/tests/refusal";
import { getGroupAccess, requireGroupAccess } from "@/lib/group-access/access";
import { createGroupSchema } from "./schemas";
import { archiveGroup } from "./operations/archive-group";
import { deleteGroup } from "./operations/delete-group";
import { takeOwnership } from "./operations/take-ownership";
import { updateGroup } from "./operations/update-group";

/**
 * Issue 17, items 1 and 8, as they were attacked: a private group stays its owner's (an admin who is
 * not the owner cannot switch it to public, fill it, archive or delete it, and the page does not offer
 * it), until they take ownership, audited and told; and owner rights need the owner to be an admin still.
 */

let handle: TestDatabase;
let db: Database;
let dana: TestPerson; // admin, owns the group
let omar: TestPerson; // admin, does not
let lena: TestPerson; // learner, a member
let newbie: TestPerson; // learner, not a member
let courseId: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  const acme = await createCompany(db, "Acme");
  dana = await createPerson(db, acme.id, { roles: ["admin"], name: "Dana Admin" });
  omar = await createPerson(db, acme.id, { roles: ["admin"], name: "Omar Admin" });
  lena = await createPerson(db, acme.id, { name: "Lena Learner" });
  newbie = await createPerson(db, acme.id, { name: "Nina Newbie" });
  courseId = (await createCourse(db, acme.id)).id;
});
afterAll(() => handle.close());

const edit = (ctx: Ctx, group: { id: string; name: string }, visibility: "private" | "public") =>
  updateGroup(db, ctx, { ...createGroupSchema.parse({ name: group.name, visibility, operationId: opId() }), groupId: group.id });
const add = (ctx: Ctx, groupId: string, who: TestPerson) =>
  addMembers(db, ctx, { groupId, selection: { mode: "people", userIds: [who.id] }, operationId: opId() });
const ownershipAudits = (groupId: string) =>
  db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, "group.ownership_taken"), eq(auditLog.targetId, groupId)));
const row = async (groupId: string) => (await db.select().from(learningGroups).where(eq(learningGroups.id, groupId)))[0];

describe("a private group stays its owner's", () => {
  it("another admin cannot open it, fill it, archive or delete it, and is not offered to", async () => {
    const group = await insertGroup(db, dana, { name: "Board", members: [lena] });
    await postMessage(db, dana, { groupId: group.id, operationId: opId(), kind: "note", body: "Before anyone joined" });

    expect(await refusalOr(() => edit(omar, group, "public"))).toBe("forbidden");
    expect(await refusalOr(() => add(omar, group.id, newbie))).toBe("forbidden");
    expect(await refusalOr(() => previewAddMembers(db, omar, group.id, { mode: "people", userIds: [newbie.id] }))).toBe("forbidden");
    expect(await refusalOr(() => removeMembers(db, omar, { groupId: group.id, userIds: [lena.id], operationId: opId() }))).toBe(
      "forbidden",
    );
    expect(await refusalOr(() => archiveGroup(db, omar, { groupId: group.id, operationId: opId() }))).toBe("forbidden");
    expect(await refusalOr(() => deleteGroup(db, omar, { groupId: group.id, operationId: opId(), confirmName: group.name }))).toBe(
      "forbidden",
    );
    // So the learner never gets in to read what was said before.
    expect(await refusalOr(() => joinGroup(db, newbie, { groupId: group.id, operationId: opId() }))).toBe("not_found");
    expect(await row(group.id)).toMatchObject({ visibility: "private", ownerId: dana.id, archivedAt: null });
    expect(await db.select().from(groupMembers).where(eq(groupMembers.groupId, group.id))).toHaveLength(1);
    expect(await ownershipAudits(group.id)).toEqual([]);

    // The page reads the same rule with the row: no Edit or Close for Omar, everything for Dana.
    expect((await getGroupAccess(db, omar, group.id))?.canManage).toBe(false);
    expect((await getGroupAccess(db, dana, group.id))?.canManage).toBe(true);
  });

  it("sibling: the owner switches it to public and back, fills it, and the learner joins", async () => {
    const group = await insertGroup(db, dana, { name: "Open house", members: [lena] });
    await edit(dana, group, "public");
    expect((await joinGroup(db, newbie, { groupId: group.id, operationId: opId() })).result).toEqual({ joined: true });
    await edit(dana, group, "private");
    await add(dana, group.id, omar);
    expect(await row(group.id)).toMatchObject({ visibility: "private", ownerId: dana.id });
  });

  it("after taking ownership (audited, the previous owner told) the other admin may, and the previous owner may not", async () => {
    const group = await insertGroup(db, dana, { name: "Taken over", members: [lena] });
    await takeOwnership(db, omar, { groupId: group.id, operationId: opId() });
    expect(await ownershipAudits(group.id)).toEqual([
      expect.objectContaining({ actorId: omar.id, details: { previousOwnerId: dana.id, visibility: "private" } }),
    ]);
    const [told] = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, dana.id), eq(notifications.type, "group.ownershipTaken")));
    expect(told).toMatchObject({ groupId: group.id, payload: { groupName: "Taken over", actorName: "Omar Admin" } });

    expect((await getGroupAccess(db, omar, group.id))?.canManage).toBe(true);
    expect((await getGroupAccess(db, dana, group.id))?.canManage).toBe(false);
    expect((await add(omar, group.id, newbie)).result.added).toBe(1);
    expect(await refusalOr(() => add(dana, group.id, omar))).toBe("forbidden");
    await edit(omar, group, "private");
    await archiveGroup(db, omar, { groupId: group.id, operationId: opId() });
    await deleteGroup(db, omar, { groupId: group.id, operationId: opId(), confirmName: group.name });
    expect(await row(group.id)).toBeUndefined();
  });

  it("an archived private group's restore and delete are its owner's too; taking ownership works on it", async () => {
    const group = await insertGroup(db, dana, { name: "Archived board" });
    await archiveGroup(db, dana, { groupId: group.id, operationId: opId() });
    expect(await refusalOr(() => deleteGroup(db, omar, { groupId: group.id, operationId: opId(), confirmName: group.name }))).toBe(
      "forbidden",
    );
    await takeOwnership(db, omar, { groupId: group.id, operationId: opId() });
    await deleteGroup(db, omar, { groupId: group.id, operationId: opId(), confirmName: group.name });
    expect(await row(group.id)).toBeUndefined();
  });
});

describe("a demoted owner", () => {
  /** A channel's name at the group's epoch now (a demotion moves the group's channels on). */
  const current = async (channel: (groupId: string, epoch: number) => string, groupId: string) =>
    channel(groupId, (await currentEpochs(db, [groupId])).get(groupId)!);

  it("loses the statistics (and their CSV), the admin channel and the group's management with the admin role", async () => {
    const owner = await createPerson(db, dana.companyId, { roles: ["admin"], name: "Olga Owner" });
    const group = await insertGroup(db, owner, { name: "Demoted", courseId, members: [lena] });
    // While an admin: everything an owner has.
    await expect(exportStatisticsMembers(db, owner, await requireGroupAccess(db, owner, group.id))).resolves.toMatchObject({
      scope: { groupId: group.id },
    });
    expect(await canSubscribe(db, owner, await current(groupAdminChannelAt, group.id))).toBe(true);
    expect((await getGroupAccess(db, owner, group.id))?.canManage).toBe(true);

    await updatePerson(db, dana, { personId: owner.id, roles: [], operationId: opId() });
    const demoted: Ctx = { ...owner, roles: [] }; // as the next request reads them from the database
    expect(await refusalOr(async () => exportStatisticsMembers(db, demoted, await requireGroupAccess(db, demoted, group.id)))).toBe(
      "not_found",
    );
    expect(await canSubscribe(db, demoted, await current(groupAdminChannelAt, group.id))).toBe(false);
    expect(await canSubscribe(db, demoted, await current(groupChannelAt, group.id))).toBe(false);
    expect((await getGroupAccess(db, demoted, group.id))?.canManage).toBe(false);
    expect(await refusalOr(() => add(demoted, group.id, newbie))).toBe("forbidden");
    // The company's admins keep them.
    await expect(exportStatisticsMembers(db, omar, await requireGroupAccess(db, omar, group.id))).resolves.toMatchObject({
      scope: { groupId: group.id },
    });
    expect(await canSubscribe(db, omar, await current(groupAdminChannelAt, group.id))).toBe(true);
  });
});
