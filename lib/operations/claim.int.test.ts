import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { groupMembers, operations } from "@/db/schema";
import type { Ctx } from "@/lib/auth/viewer";
import { editMessage } from "@/lib/chat/operations/edit-message";
import { postMessage } from "@/lib/chat/operations/post-message";
import { addMembers } from "@/lib/membership/operations/add-members";
import { updateProfile } from "@/lib/profile/operations/update-profile";
import { updateProfileSchema } from "@/lib/profile/schemas";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createGroup, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { refusalOr } from "@/tests/refusal";

/**
 * Issue 17, item 7: operation ids are each actor's own. A learner who sends an admin's ids gets
 * neither the stored results (a private group's message, an add's counts) nor a claim on them:
 * their call is a new operation of theirs, checked like any; the admin's later operations still work.
 */

let handle: TestDatabase;
let db: Database;
let admin: TestPerson;
let learner: TestPerson;
let groupId: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  const acme = await createCompany(db, "Acme");
  admin = await createPerson(db, acme.id, { roles: ["admin"], name: "Dana Admin" });
  learner = await createPerson(db, acme.id, { name: "Lena Learner" });
  groupId = (await createGroup(db, admin, { name: "Board" })).id;
});
afterAll(() => handle.close());

const add = (ctx: Ctx, who: TestPerson, operationId: string) =>
  addMembers(db, ctx, { groupId, selection: { mode: "people", userIds: [who.id] }, operationId });

describe("operation ids are the actor's own", () => {
  it("a learner replaying an admin's ids gets no stored result: refused as any call of theirs", async () => {
    const { result: message } = await postMessage(db, admin, { groupId, operationId: opId(), kind: "note", body: "Salaries" });
    const editId = opId();
    expect((await editMessage(db, admin, { messageId: message.id, operationId: editId, body: "Salaries (secret)" })).result.body).toBe(
      "Salaries (secret)",
    );
    const addId = opId();
    const someone = await createPerson(db, admin.companyId);
    expect((await add(admin, someone, addId)).result).toEqual({ added: 1, alreadyMembers: 0, deactivated: 0 });

    expect(await refusalOr(() => editMessage(db, learner, { messageId: message.id, operationId: editId, body: "x" }))).toBe("not_found");
    expect(await refusalOr(() => add(learner, learner, addId))).toBe("forbidden");
    // The admin's own replays still answer the first result.
    expect((await add(admin, someone, addId)).result).toEqual({ added: 1, alreadyMembers: 0, deactivated: 0 });
  });

  it("an id a learner claimed first is still the admin's to use", async () => {
    const id = opId();
    await updateProfile(db, learner, updateProfileSchema.parse({ name: "Lena L.", timeZone: "", locale: "", operationId: id }));
    const newcomer = await createPerson(db, admin.companyId);
    expect((await add(admin, newcomer, id)).result.added).toBe(1);
    const members = await db
      .select()
      .from(groupMembers)
      .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, newcomer.id)));
    expect(members).toHaveLength(1);
    // Two operations, one per actor, under the one id.
    const claimed = await db
      .select({ actorId: operations.actorId, kind: operations.kind })
      .from(operations)
      .where(eq(operations.operationKey, id));
    expect(claimed.sort((a, b) => a.kind.localeCompare(b.kind))).toEqual([
      { actorId: admin.id, kind: "membership.add" },
      { actorId: learner.id, kind: "profile.update" },
    ]);
  });

  it("permission is checked before a replay: an admin who lost the role is refused their own replay", async () => {
    const id = opId();
    const someone = await createPerson(db, admin.companyId);
    await add(admin, someone, id);
    expect(await refusalOr(() => add({ ...admin, roles: [] }, someone, id))).toBe("forbidden");
  });
});
