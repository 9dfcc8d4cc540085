import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { groupMembers, learningGroups } from "@/db/schema";
import { createGroupSchema } from "@/lib/groups/schemas";
import { archiveGroup } from "@/lib/groups/operations/archive-group";
import { deleteGroup } from "@/lib/groups/operations/delete-group";
import { restoreGroup } from "@/lib/groups/operations/restore-group";
import { takeOwnership } from "@/lib/groups/operations/take-ownership";
import { updateGroup } from "@/lib/groups/operations/update-group";
import { addMembers } from "@/lib/membership/operations/add-members";
import { moveMembers } from "@/lib/membership/operations/move-members";
import { removeMembers } from "@/lib/membership/operations/remove-members";
import type { Ctx } from "@/lib/auth/viewer";
import { refusalOr } from "@/tests/refusal";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createGroup as insertGroup, createPerson, opId, type TestPerson } from "@/tests/fixtures";

type Actor = "adminOwner" | "adminOther" | "adminOtherTookOwnership" | "learnerOwner" | "hrForms" | "apiKey";
type Action = "edit" | "visibility" | "archive" | "restore" | "delete" | "takeOwnership" | "addMembers" | "removeMembers" | "moveMembers";
type Expected = "ok" | "forbidden" | "not_found";

/**
 * The written-out permission matrix, by hand, not derived from lib/permissions.ts: role × action ×
 * private or public × owner or not, for what the generated matrix (lib/operations/authorization-matrix/)
 * does not ask. That one sends each action's rightful call on a private group with learners, HR
 * staff, a removed member, another company and a non-owner admin, all refused; here: a public group
 * is every admin's (`adminOther`); a private group's other admin may only take ownership, and then
 * may do everything (`adminOtherTookOwnership`, the positive control); "learnerOwner" owns the
 * groups but has no admin role (an admin who lost it): they manage nothing; HR's forms and imports
 * (`hrForms`, the `hr` actor) and API keys change the members of any group of their company, and
 * nothing else (keys reach only the API's member endpoints, so the rest is their permission alone).
 */
const matrix: [Actor, Action, Expected, Expected][] = [
  // actor                    action            private      public
  ["adminOwner", "edit", "ok", "ok"],
  ["adminOwner", "visibility", "ok", "ok"],
  ["adminOwner", "archive", "ok", "ok"],
  ["adminOwner", "restore", "ok", "ok"],
  ["adminOwner", "delete", "ok", "ok"],
  ["adminOwner", "takeOwnership", "ok", "ok"],
  ["adminOwner", "addMembers", "ok", "ok"],
  ["adminOwner", "removeMembers", "ok", "ok"],
  ["adminOwner", "moveMembers", "ok", "ok"],
  ["adminOther", "edit", "forbidden", "ok"],
  ["adminOther", "visibility", "forbidden", "ok"],
  ["adminOther", "archive", "forbidden", "ok"],
  ["adminOther", "restore", "forbidden", "ok"],
  ["adminOther", "delete", "forbidden", "ok"],
  ["adminOther", "takeOwnership", "ok", "ok"],
  ["adminOther", "addMembers", "forbidden", "ok"],
  ["adminOther", "removeMembers", "forbidden", "ok"],
  ["adminOther", "moveMembers", "forbidden", "ok"],
  ["adminOtherTookOwnership", "edit", "ok", "ok"],
  ["adminOtherTookOwnership", "visibility", "ok", "ok"],
  ["adminOtherTookOwnership", "archive", "ok", "ok"],
  ["adminOtherTookOwnership", "restore", "ok", "ok"],
  ["adminOtherTookOwnership", "delete", "ok", "ok"],
  ["adminOtherTookOwnership", "addMembers", "ok", "ok"],
  ["adminOtherTookOwnership", "removeMembers", "ok", "ok"],
  ["adminOtherTookOwnership", "moveMembers", "ok", "ok"],
  ["learnerOwner", "edit", "forbidden", "forbidden"],
  ["learnerOwner", "visibility", "forbidden", "forbidden"],
  ["learnerOwner", "archive", "forbidden", "forbidden"],
  ["learnerOwner", "restore", "forbidden", "forbidden"],
  ["learnerOwner", "delete", "forbidden", "forbidden"],
  ["learnerOwner", "takeOwnership", "forbidden", "forbidden"],
  ["learnerOwner", "addMembers", "forbidden", "forbidden"],
  ["learnerOwner", "removeMembers", "forbidden", "forbidden"],
  ["learnerOwner", "moveMembers", "forbidden", "forbidden"],
  ["hrForms", "edit", "forbidden", "forbidden"],
  ["hrForms", "visibility", "forbidden", "forbidden"],
  ["hrForms", "archive", "forbidden", "forbidden"],
  ["hrForms", "restore", "forbidden", "forbidden"],
  ["hrForms", "delete", "forbidden", "forbidden"],
  ["hrForms", "takeOwnership", "forbidden", "forbidden"],
  ["hrForms", "addMembers", "ok", "ok"],
  ["hrForms", "removeMembers", "ok", "ok"],
  ["hrForms", "moveMembers", "ok", "ok"],
  ["apiKey", "edit", "forbidden", "forbidden"],
  ["apiKey", "visibility", "forbidden", "forbidden"],
  ["apiKey", "archive", "forbidden", "forbidden"],
  ["apiKey", "restore", "forbidden", "forbidden"],
  ["apiKey", "delete", "forbidden", "forbidden"],
  ["apiKey", "takeOwnership", "forbidden", "forbidden"],
  ["apiKey", "addMembers", "ok", "ok"],
  ["apiKey", "removeMembers", "ok", "ok"],
  ["apiKey", "moveMembers", "ok", "ok"],
];

let handle: TestDatabase;
type Person = "adminOwner" | "adminOther" | "learnerOwner" | "learnerMember" | "hr";
let people: Record<Person, TestPerson>;
let newcomer: TestPerson;

beforeAll(async () => {
  handle = await createTestDatabase();
  const acme = await createCompany(handle.db, "Acme");
  people = {
    adminOwner: await createPerson(handle.db, acme.id, { roles: ["admin"] }),
    adminOther: await createPerson(handle.db, acme.id, { roles: ["admin"] }),
    learnerOwner: await createPerson(handle.db, acme.id),
    learnerMember: await createPerson(handle.db, acme.id),
    hr: await createPerson(handle.db, acme.id, { roles: ["hr"] }),
  };
  newcomer = await createPerson(handle.db, acme.id);
});
afterAll(() => handle.close());

function contextOf(actor: Actor): Ctx {
  switch (actor) {
    case "adminOtherTookOwnership":
      return people.adminOther;
    case "hrForms":
      return { ...people.hr, actor: { kind: "hr" } };
    case "apiKey":
      // As lib/hr/api/auth.ts builds it: the key's creator answers for it, with HR staff's roles.
      return {
        userId: people.adminOwner.id,
        companyId: people.adminOwner.companyId,
        roles: ["hr"],
        actor: { kind: "api_key", keyId: randomUUID() },
      };
    default:
      return people[actor];
  }
}

async function attempt(actor: Actor, action: Action, visibility: "private" | "public"): Promise<Expected> {
  const owner = actor === "learnerOwner" ? people.learnerOwner : people.adminOwner;
  const group = await insertGroup(handle.db, owner, { visibility, members: [people.learnerMember] });
  // A move goes to another group of the same kind and owner.
  const target = action === "moveMembers" ? await insertGroup(handle.db, owner, { visibility }) : null;
  if (action === "restore") {
    await handle.db.update(learningGroups).set({ archivedAt: new Date() }).where(eq(learningGroups.id, group.id));
  }
  const ctx = contextOf(actor);
  if (actor === "adminOtherTookOwnership") {
    for (const taken of [group, target]) if (taken) await takeOwnership(handle.db, ctx, { groupId: taken.id, operationId: opId() });
  }
  const groupId = group.id;
  const operationId = opId();
  const edited = (fields: { name: string; visibility: "private" | "public" }) =>
    updateGroup(handle.db, ctx, { ...createGroupSchema.parse({ ...fields, operationId }), groupId });
  const run: Record<Action, () => Promise<unknown>> = {
    edit: () => edited({ name: `${group.name} edited`, visibility }),
    visibility: () => edited({ name: group.name, visibility: visibility === "private" ? "public" : "private" }),
    archive: () => archiveGroup(handle.db, ctx, { groupId, operationId }),
    restore: () => restoreGroup(handle.db, ctx, { groupId, operationId }),
    delete: () => deleteGroup(handle.db, ctx, { groupId, operationId, confirmName: group.name }),
    takeOwnership: () => takeOwnership(handle.db, ctx, { groupId, operationId }),
    addMembers: () => addMembers(handle.db, ctx, { groupId, selection: { mode: "people", userIds: [newcomer.id] }, operationId }),
    removeMembers: () => removeMembers(handle.db, ctx, { groupId, userIds: [people.learnerMember.id], operationId }),
    moveMembers: () => moveMembers(handle.db, ctx, { groupId, targetGroupId: target!.id, userIds: [people.learnerMember.id], operationId }),
  };
  const outcome = await refusalOr(async () => {
    await run[action]();
    return "ok" as const;
  });
  const [after] = await handle.db.select().from(learningGroups).where(eq(learningGroups.id, groupId));
  const members = await handle.db.select({ userId: groupMembers.userId }).from(groupMembers).where(eq(groupMembers.groupId, groupId));
  if (outcome !== "ok") {
    // A refusal changes nothing: the row, its members.
    expect(after).toMatchObject({ name: group.name, visibility, archivedAt: action === "restore" ? expect.any(Date) : null });
    expect(members).toEqual([{ userId: people.learnerMember.id }]);
  }
  return outcome;
}

describe("permission matrix", () => {
  it.each(matrix)("%s → %s: private %s, public %s", async (actor, action, inPrivate, inPublic) => {
    expect(await Promise.all([attempt(actor, action, "private"), attempt(actor, action, "public")])).toEqual([inPrivate, inPublic]);
  });
});
