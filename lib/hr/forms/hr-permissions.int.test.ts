import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listMessages } from "@/lib/chat/queries";
import { deleteGroup } from "@/lib/groups/operations/delete-group";
import { listPeople } from "@/lib/people/queries/directory";
import { listReports } from "@/lib/reports/queries";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createGroup, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { refusalOr } from "@/tests/refusal";
import { asHrActor } from "@/lib/hr/actor";
import { requireGroupAccess } from "@/lib/group-access/access";

/** Issue 10, item 5: what HR staff may and may not do, signed in and through the HR forms' actor. */
describe("HR staff's permissions", () => {
  let handle: TestDatabase;
  let hr: TestPerson;
  let learner: TestPerson;
  let stranger: TestPerson;
  let notTheirs: { id: string; name: string };
  let theirs: { id: string };

  beforeAll(async () => {
    handle = await createTestDatabase();
    const acme = await createCompany(handle.db, "Acme");
    const globex = await createCompany(handle.db, "Globex");
    const admin = await createPerson(handle.db, acme.id, { roles: ["admin"] });
    hr = await createPerson(handle.db, acme.id, { roles: ["hr"], name: "Hana HR" });
    learner = await createPerson(handle.db, acme.id, { name: "Lena Learner" });
    stranger = await createPerson(handle.db, globex.id, { name: "Gary Globex" });
    notTheirs = await createGroup(handle.db, admin, { name: "Leadership", visibility: "public", members: [learner] });
    theirs = await createGroup(handle.db, admin, { name: "HR team", members: [hr] });
  });
  afterAll(async () => handle.close());

  it("read the people and the reports of their company, and nothing of another", async () => {
    const people = await listPeople(handle.db, hr, {});
    const ids = people.rows.map((row) => row.id);
    expect(ids).toEqual(expect.arrayContaining([hr.id, learner.id]));
    expect(ids).not.toContain(stranger.id);
    const reports = await listReports(handle.db, hr, { status: "all" });
    expect(reports.rows.map((row) => row.id)).toEqual(expect.arrayContaining([notTheirs.id, theirs.id]));
    expect(await refusalOr(() => listReports(handle.db, learner, { status: "all" }))).toBe("forbidden");
  });

  it("cannot delete groups, signed in or as the HR forms' actor", async () => {
    for (const ctx of [hr, asHrActor(hr)]) {
      expect(
        await refusalOr(() => deleteGroup(handle.db, ctx, { groupId: notTheirs.id, operationId: opId(), confirmName: notTheirs.name })),
      ).toBe("forbidden");
    }
  });

  it("cannot read the chat of a group they are not in; can read their own group's", async () => {
    for (const ctx of [hr, asHrActor(hr)]) {
      expect(await refusalOr(async () => listMessages(handle.db, ctx, await requireGroupAccess(handle.db, ctx, notTheirs.id)))).toBe(
        "not_found",
      );
    }
    expect((await listMessages(handle.db, hr, await requireGroupAccess(handle.db, hr, theirs.id))).messages).toEqual([]);
  });
});
