import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, courseProgress, groupMembers, learningGroups, membershipEvents, users } from "@/db/schema";
import { checkCredentials } from "@/lib/auth/credentials";
import { hashPassword } from "@/lib/auth/password";
import { loadViewer } from "@/lib/auth/viewer";
import { addMembers } from "@/lib/membership/operations/add-members";
import { groupChannel } from "@/lib/realtime/channels";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createCourse, createDepartment, createGroup, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { getPerson } from "./queries/person";
import { updatePersonSchema } from "./schemas";
import { deactivatePerson } from "./operations/deactivate-person";
import { reactivatePerson } from "./operations/reactivate-person";
import { updatePerson } from "./operations/update-person";

let handle: TestDatabase;
let acmeId: string;
let admin: TestPerson;
let sales: { id: string };
let finance: { id: string };
let foreignDepartment: { id: string };
let foreigner: TestPerson;

const row = async (id: string) => (await handle.db.select().from(users).where(eq(users.id, id)))[0]!;
const update = (actor: TestPerson, fields: Record<string, unknown>) =>
  updatePerson(handle.db, actor, updatePersonSchema.parse({ operationId: opId(), ...fields }));
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => "ok",
    (error: { code?: string }) => error.code,
  );

beforeAll(async () => {
  handle = await createTestDatabase();
  const acme = await createCompany(handle.db, "Acme");
  const globex = await createCompany(handle.db, "Globex");
  acmeId = acme.id;
  admin = await createPerson(handle.db, acme.id, { roles: ["admin"], name: "Dana Admin" });
  sales = await createDepartment(handle.db, acme.id, "Sales");
  finance = await createDepartment(handle.db, acme.id, "Finance");
  foreignDepartment = await createDepartment(handle.db, globex.id, "Globex Sales");
  foreigner = await createPerson(handle.db, globex.id, { roles: ["admin"], name: "Gina Globex" });
});
afterAll(() => handle.close());

describe("changing a person", () => {
  it("moves someone to another department, audited with before and after, once per operation", async () => {
    const lena = await createPerson(handle.db, acmeId, { name: "Lena", departmentId: sales.id });
    const input = updatePersonSchema.parse({ personId: lena.id, departmentId: finance.id, operationId: opId() });
    expect((await updatePerson(handle.db, admin, input)).result).toEqual({ changed: true });
    expect((await updatePerson(handle.db, admin, input)).result).toEqual({ changed: true });
    expect((await row(lena.id)).departmentId).toBe(finance.id);
    const audit = await handle.db.select().from(auditLog).where(eq(auditLog.targetId, lena.id));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "person.updated",
      targetType: "user",
      actorId: admin.id,
      details: { changes: { department: { from: "Sales", to: "Finance" } } },
    });
    const page = await getPerson(handle.db, admin, lena.id);
    expect(page).toMatchObject({ departmentName: "Finance" });
    expect(page?.audit.rows[0]).toMatchObject({ action: "person.updated", actorName: "Dana Admin" });
  });

  it("changes nothing and audits nothing when the values are the same", async () => {
    const omar = await createPerson(handle.db, acmeId, { departmentId: sales.id });
    expect((await update(admin, { personId: omar.id, departmentId: sales.id, roles: [] })).result).toEqual({ changed: false });
    expect(await handle.db.select().from(auditLog).where(eq(auditLog.targetId, omar.id))).toEqual([]);
  });

  it("clears a department and refuses another company's", async () => {
    const person = await createPerson(handle.db, acmeId, { departmentId: sales.id });
    expect(await refusal(update(admin, { personId: person.id, departmentId: foreignDepartment.id }))).toBe("department_not_found");
    expect((await row(person.id)).departmentId).toBe(sales.id);
    await update(admin, { personId: person.id, departmentId: "" });
    expect((await row(person.id)).departmentId).toBeNull();
  });

  it("sets a manager of the company, never themself, another company's person or someone reporting to them", async () => {
    const boss = await createPerson(handle.db, acmeId, { name: "Boss" });
    const lead = await createPerson(handle.db, acmeId, { name: "Lead" });
    const member = await createPerson(handle.db, acmeId, { name: "Member" });
    await update(admin, { personId: lead.id, managerId: boss.id });
    await update(admin, { personId: member.id, managerId: lead.id });
    expect((await row(member.id)).managerId).toBe(lead.id);
    expect(await refusal(update(admin, { personId: boss.id, managerId: boss.id }))).toBe("manager_self");
    expect(await refusal(update(admin, { personId: boss.id, managerId: member.id }))).toBe("manager_cycle");
    expect(await refusal(update(admin, { personId: boss.id, managerId: foreigner.id }))).toBe("manager_not_found");
    expect((await row(boss.id)).managerId).toBeNull();
    const audit = await handle.db.select().from(auditLog).where(eq(auditLog.targetId, member.id));
    expect(audit[0]?.details).toEqual({ changes: { manager: { from: null, to: "Lead" } } });
  });

  it("grants and takes roles, and ends the person's connections so channel access is asked again", async () => {
    const hugo = await createPerson(handle.db, acmeId, { name: "Hugo" });
    const granted = await update(admin, { personId: hugo.id, roles: ["hr", "admin", "hr"] });
    expect(granted.disconnectUsers).toEqual([hugo.id]);
    expect((await row(hugo.id)).roles).toEqual(["admin", "hr"]);
    expect((await loadViewer(handle.db, hugo.id))?.roles).toEqual(["admin", "hr"]);
    await update(admin, { personId: hugo.id, roles: ["hr"] });
    expect((await loadViewer(handle.db, hugo.id))?.roles).toEqual(["hr"]);
  });

  it("gives another company's person a 404 and changes nothing", async () => {
    expect(await refusal(update(admin, { personId: foreigner.id, departmentId: sales.id }))).toBe("not_found");
    expect(await refusal(deactivatePerson(handle.db, admin, { personId: foreigner.id, operationId: opId() }))).toBe("not_found");
    expect(await refusal(reactivatePerson(handle.db, admin, { personId: foreigner.id, operationId: opId() }))).toBe("not_found");
    expect(await getPerson(handle.db, admin, foreigner.id)).toBeNull();
    expect((await row(foreigner.id)).deactivatedAt).toBeNull();
  });
});

describe("the last active admin", () => {
  it("cannot lose the role or be deactivated; with a second admin both are allowed", async () => {
    const company = await createCompany(handle.db, "Solo");
    const only = await createPerson(handle.db, company.id, { roles: ["admin"], name: "Only Admin" });
    const learner = await createPerson(handle.db, company.id);
    const retired = await createPerson(handle.db, company.id, { roles: ["admin"], deactivated: true });
    expect(await refusal(update(only, { personId: only.id, roles: ["hr"] }))).toBe("last_admin");
    expect((await row(only.id)).roles).toEqual(["admin"]);

    await update(only, { personId: learner.id, roles: ["admin"] });
    const second = { ...learner, roles: ["admin" as const] };
    expect(await refusal(deactivatePerson(handle.db, second, { personId: only.id, operationId: opId() }))).toBe("ok");
    // A deactivated admin does not count: the second admin is now the last one.
    expect(await refusal(update(second, { personId: second.id, roles: [] }))).toBe("last_admin");
    expect((await row(retired.id)).roles).toEqual(["admin"]);
  });

  it("an admin cannot deactivate themself", async () => {
    expect(await refusal(deactivatePerson(handle.db, admin, { personId: admin.id, operationId: opId() }))).toBe("deactivate_self");
  });
});

describe("deactivation", () => {
  it("leaves every active group with a ledger row, keeps archived groups, audits, and ends sign-in at the next request", async () => {
    const password = await hashPassword("leaver password");
    const leaver = await createPerson(handle.db, acmeId, { name: "Leaver", email: "leaver@acme.example", passwordHash: password });
    const other = await createPerson(handle.db, acmeId);
    const course = await createCourse(handle.db, acmeId, "Safety");
    await handle.db
      .insert(courseProgress)
      .values({ companyId: acmeId, userId: leaver.id, courseId: course.id, lessonsDone: 2, percent: 40 });
    const first = await createGroup(handle.db, admin, { name: "Wave 1", members: [leaver, other] });
    const second = await createGroup(handle.db, admin, { name: "Wave 2", members: [leaver] });
    const archived = await createGroup(handle.db, admin, { name: "Old wave", members: [leaver] });
    await handle.db.update(learningGroups).set({ archivedAt: new Date() }).where(eq(learningGroups.id, archived.id));
    expect(await loadViewer(handle.db, leaver.id)).not.toBeNull();

    const input = { personId: leaver.id, operationId: opId() };
    const outcome = await deactivatePerson(handle.db, admin, input);
    expect(outcome.result).toEqual({ groupsLeft: 2 });
    expect(outcome.disconnectUsers).toEqual([leaver.id]);
    expect(outcome.events?.flatMap((event) => event.channels).sort()).toEqual([groupChannel(first.id), groupChannel(second.id)].sort());

    expect(await loadViewer(handle.db, leaver.id)).toBeNull();
    expect(await checkCredentials(handle.db, { email: "leaver@acme.example", password: "leaver password" })).toBeNull();
    const memberships = await handle.db.select().from(groupMembers).where(eq(groupMembers.userId, leaver.id));
    expect(memberships.map((m) => m.groupId)).toEqual([archived.id]);
    expect(await handle.db.select().from(groupMembers).where(eq(groupMembers.groupId, first.id))).toHaveLength(1);
    const ledger = await handle.db
      .select()
      .from(membershipEvents)
      .where(and(eq(membershipEvents.userId, leaver.id), eq(membershipEvents.kind, "removed")));
    expect(ledger.map((e) => e.groupId).sort()).toEqual([first.id, second.id].sort());
    expect(ledger.every((e) => e.source === "deactivation" && e.actorId === admin.id)).toBe(true);
    const [audit] = await handle.db.select().from(auditLog).where(eq(auditLog.targetId, leaver.id));
    expect(audit).toMatchObject({ action: "person.deactivated", details: { groupsLeft: 2 }, batchId: ledger[0]!.batchId });

    // A replay of the same submission does nothing more; a new one is refused.
    const replay = await deactivatePerson(handle.db, admin, input);
    expect(replay).toEqual({ result: { groupsLeft: 2 } });
    expect(await refusal(deactivatePerson(handle.db, admin, { personId: leaver.id, operationId: opId() }))).toBe("already_deactivated");

    // Progress stays; the person page shows what is left.
    const page = await getPerson(handle.db, admin, leaver.id);
    expect(page).toMatchObject({ status: "deactivated", groups: [{ name: "Old wave", archived: true }] });
    expect(page?.courses).toEqual([expect.objectContaining({ title: "Safety", percent: 40 })]);

    // Deactivated people cannot be added back to a group.
    const { result } = await addMembers(handle.db, admin, {
      groupId: first.id,
      selection: { mode: "people", userIds: [leaver.id] },
      operationId: opId(),
    });
    expect(result).toEqual({ added: 0, alreadyMembers: 0, deactivated: 1 });
  });

  it("reactivation restores sign-in only: the groups stay left", async () => {
    const password = await hashPassword("returner password");
    const returner = await createPerson(handle.db, acmeId, { email: "returner@acme.example", passwordHash: password });
    const group = await createGroup(handle.db, admin, { members: [returner] });
    await deactivatePerson(handle.db, admin, { personId: returner.id, operationId: opId() });
    expect(await refusal(reactivatePerson(handle.db, admin, { personId: returner.id, operationId: opId() }))).toBe("ok");
    expect(await loadViewer(handle.db, returner.id)).not.toBeNull();
    expect(await checkCredentials(handle.db, { email: "returner@acme.example", password: "returner password" })).toEqual({
      id: returner.id,
      companyId: returner.companyId,
    });
    expect(await handle.db.select().from(groupMembers).where(eq(groupMembers.groupId, group.id))).toEqual([]);
    const audit = await handle.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, returner.id));
    expect(audit.map((a) => a.action).sort()).toEqual(["person.deactivated", "person.reactivated"]);
    expect(await refusal(reactivatePerson(handle.db, admin, { personId: returner.id, operationId: opId() }))).toBe("not_deactivated");
  });
});
