import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { learningGroups } from "@/db/schema";
import { createGroupSchema } from "@/lib/groups/schemas";
import { archiveGroup, createGroup, deleteGroup, restoreGroup, takeOwnership, updateGroup } from "@/lib/groups/service";
import { addMembers, removeMembers } from "@/lib/membership/service";
import { AppError } from "@/lib/errors";
import { refusalOr } from "@/tests/refusal";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createGroup as insertGroup, createPerson, opId, type TestPerson } from "@/tests/fixtures";

type Actor = "adminOwner" | "adminOther" | "learnerOwner" | "learnerMember" | "hr" | "foreignAdmin";
type Action = "edit" | "archive" | "restore" | "delete" | "takeOwnership" | "addMembers" | "removeMembers";
type Expected = "ok" | "forbidden" | "not_found";

/**
 * Written out by hand, not derived from lib/permissions.ts: role × action × own or other company ×
 * private or public × owner or not. "learnerOwner" owns the groups but has no admin role (an admin
 * who lost the role): they manage nothing until an admin takes ownership.
 */
const matrix: [Actor, Action, Expected, Expected][] = [
  // actor           action            private       public
  ["adminOwner", "edit", "ok", "ok"],
  ["adminOwner", "archive", "ok", "ok"],
  ["adminOwner", "restore", "ok", "ok"],
  ["adminOwner", "delete", "ok", "ok"],
  ["adminOwner", "takeOwnership", "ok", "ok"],
  ["adminOwner", "addMembers", "ok", "ok"],
  ["adminOwner", "removeMembers", "ok", "ok"],
  ["adminOther", "edit", "ok", "ok"],
  ["adminOther", "archive", "ok", "ok"],
  ["adminOther", "restore", "ok", "ok"],
  ["adminOther", "delete", "ok", "ok"],
  ["adminOther", "takeOwnership", "ok", "ok"],
  ["adminOther", "addMembers", "forbidden", "ok"],
  ["adminOther", "removeMembers", "forbidden", "ok"],
  ["learnerOwner", "edit", "forbidden", "forbidden"],
  ["learnerOwner", "archive", "forbidden", "forbidden"],
  ["learnerOwner", "restore", "forbidden", "forbidden"],
  ["learnerOwner", "delete", "forbidden", "forbidden"],
  ["learnerOwner", "takeOwnership", "forbidden", "forbidden"],
  ["learnerOwner", "addMembers", "forbidden", "forbidden"],
  ["learnerOwner", "removeMembers", "forbidden", "forbidden"],
  ["learnerMember", "edit", "forbidden", "forbidden"],
  ["learnerMember", "archive", "forbidden", "forbidden"],
  ["learnerMember", "restore", "forbidden", "forbidden"],
  ["learnerMember", "delete", "forbidden", "forbidden"],
  ["learnerMember", "takeOwnership", "forbidden", "forbidden"],
  ["learnerMember", "addMembers", "forbidden", "forbidden"],
  ["learnerMember", "removeMembers", "forbidden", "forbidden"],
  ["hr", "edit", "forbidden", "forbidden"],
  ["hr", "archive", "forbidden", "forbidden"],
  ["hr", "restore", "forbidden", "forbidden"],
  ["hr", "delete", "forbidden", "forbidden"],
  ["hr", "takeOwnership", "forbidden", "forbidden"],
  ["hr", "addMembers", "forbidden", "forbidden"],
  ["hr", "removeMembers", "forbidden", "forbidden"],
  ["foreignAdmin", "edit", "not_found", "not_found"],
  ["foreignAdmin", "archive", "not_found", "not_found"],
  ["foreignAdmin", "restore", "not_found", "not_found"],
  ["foreignAdmin", "delete", "not_found", "not_found"],
  ["foreignAdmin", "takeOwnership", "not_found", "not_found"],
  ["foreignAdmin", "addMembers", "not_found", "not_found"],
  ["foreignAdmin", "removeMembers", "not_found", "not_found"],
];

let handle: TestDatabase;
let people: Record<Actor, TestPerson>;
let newcomer: TestPerson;

beforeAll(async () => {
  handle = await createTestDatabase();
  const acme = await createCompany(handle.db, "Acme");
  const globex = await createCompany(handle.db, "Globex");
  people = {
    adminOwner: await createPerson(handle.db, acme.id, { roles: ["admin"] }),
    adminOther: await createPerson(handle.db, acme.id, { roles: ["admin"] }),
    learnerOwner: await createPerson(handle.db, acme.id),
    learnerMember: await createPerson(handle.db, acme.id),
    hr: await createPerson(handle.db, acme.id, { roles: ["hr"] }),
    foreignAdmin: await createPerson(handle.db, globex.id, { roles: ["admin"] }),
  };
  newcomer = await createPerson(handle.db, acme.id);
});
afterAll(() => handle.close());

async function attempt(actor: Actor, action: Action, visibility: "private" | "public"): Promise<Expected> {
  const owner = actor === "learnerOwner" ? people.learnerOwner : people.adminOwner;
  const group = await insertGroup(handle.db, owner, { visibility, members: [people.learnerMember] });
  if (action === "restore") {
    await handle.db.update(learningGroups).set({ archivedAt: new Date() }).where(eq(learningGroups.id, group.id));
  }
  const ctx = people[actor];
  const groupId = group.id;
  const operationId = opId();
  const run: Record<Action, () => Promise<unknown>> = {
    edit: () => updateGroup(handle.db, ctx, { ...createGroupSchema.parse({ name: `${group.name} edited`, visibility, operationId }), groupId }),
    archive: () => archiveGroup(handle.db, ctx, { groupId, operationId }),
    restore: () => restoreGroup(handle.db, ctx, { groupId, operationId }),
    delete: () => deleteGroup(handle.db, ctx, { groupId, operationId, confirmName: group.name }),
    takeOwnership: () => takeOwnership(handle.db, ctx, { groupId, operationId }),
    addMembers: () => addMembers(handle.db, ctx, { groupId, selection: { mode: "people", userIds: [newcomer.id] }, operationId }),
    removeMembers: () => removeMembers(handle.db, ctx, { groupId, userIds: [people.learnerMember.id], operationId }),
  };
  return refusalOr(async () => {
    await run[action]();
    return "ok" as const;
  });
}

describe("permission matrix", () => {
  it.each(matrix)("%s → %s: private %s, public %s", async (actor, action, inPrivate, inPublic) => {
    expect(await attempt(actor, action, "private")).toBe(inPrivate);
    expect(await attempt(actor, action, "public")).toBe(inPublic);
  });

  it.each([
    ["adminOwner", "ok"],
    ["learnerMember", "forbidden"],
    ["hr", "forbidden"],
  ] as const)("%s creating a group: %s", async (actor, expected) => {
    const input = createGroupSchema.parse({ name: `Created by ${actor}`, operationId: opId() });
    const outcome = await createGroup(handle.db, people[actor], input).then(
      () => "ok",
      (error: AppError) => error.code,
    );
    expect(outcome).toBe(expected);
  });
});
