import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, departments, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createDepartment as insertDepartment, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { DEPARTMENTS_PAGE_SIZE, listDepartmentsPage, listHeadCandidates, searchMergeTargets } from "./queries";
import { createDepartmentSchema } from "./schemas";
import { createDepartment } from "./operations/create-department";
import { deleteDepartment } from "./operations/delete-department";
import { mergeDepartments } from "./operations/merge-departments";
import { renameDepartment } from "./operations/rename-department";
import { setDepartmentHead } from "./operations/set-department-head";

let handle: TestDatabase;
let admin: TestPerson;
let foreignAdmin: TestPerson;

const create = async (name: string, actor = admin) => (await createDepartment(handle.db, actor, { name, operationId: opId() })).result;
const departmentIdOf = async (name: string, companyId = admin.companyId) => {
  const [row] = await handle.db
    .select({ id: departments.id })
    .from(departments)
    .where(and(eq(departments.companyId, companyId), eq(departments.name, name)));
  return row?.id;
};
const audits = (action: string) => handle.db.select().from(auditLog).where(eq(auditLog.action, action));

beforeAll(async () => {
  handle = await createTestDatabase();
  const acme = await createCompany(handle.db, "Acme");
  const globex = await createCompany(handle.db, "Globex");
  admin = await createPerson(handle.db, acme.id, { roles: ["admin"], name: "Dana Admin" });
  foreignAdmin = await createPerson(handle.db, globex.id, { roles: ["admin"] });
});
afterAll(() => handle.close());

describe("creating and renaming", () => {
  it("creates a department once per operation id, audited", async () => {
    const input = { name: "Sales", operationId: opId() };
    const { result: first } = await createDepartment(handle.db, admin, input);
    const { result: replay } = await createDepartment(handle.db, admin, input);
    expect(replay).toEqual(first);
    const rows = await handle.db.select().from(departments).where(eq(departments.companyId, admin.companyId));
    expect(rows.map((row) => row.name)).toEqual(["Sales"]);
    const [audit] = await audits("department.created");
    expect(audit).toMatchObject({ targetType: "department", targetId: first.departmentId, actorId: admin.id, details: { name: "Sales" } });
  });

  it("refuses a name the company already has, regardless of case; another company may use it", async () => {
    await expect(create(createDepartmentSchema.parse({ name: "  sALES ", operationId: opId() }).name)).rejects.toMatchObject({
      code: "department_name_taken",
      values: { name: "sALES" },
    });
    await create("Sales", foreignAdmin);
    expect(await departmentIdOf("Sales", foreignAdmin.companyId)).toBeDefined();
  });

  it("maps a unique-index clash from a concurrent create to the same message", async () => {
    const results = await Promise.allSettled([create("Marketing"), create("MARKETING")]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected");
    expect(refused?.reason).toMatchObject({ code: "department_name_taken" });
  });

  it("validates the name with a specific message", () => {
    const issues = (name: string) =>
      createDepartmentSchema.safeParse({ name, operationId: opId() }).error?.issues.map((i) => [i.path.join("."), i.message]);
    expect(issues("   ")).toEqual([["name", "validation.departmentNameRequired"]]);
    expect(issues("x".repeat(121))).toEqual([["name", "validation.nameTooLong"]]);
    expect(issues("x".repeat(120))).toBeUndefined();
  });

  it("renames, allows a change of case, refuses another department's name, audits from and to", async () => {
    const { departmentId } = await create("Enginering");
    await renameDepartment(handle.db, admin, { departmentId, name: "Engineering", operationId: opId() });
    await renameDepartment(handle.db, admin, { departmentId, name: "ENGINEERING", operationId: opId() });
    await expect(renameDepartment(handle.db, admin, { departmentId, name: "sales", operationId: opId() })).rejects.toMatchObject({
      code: "department_name_taken",
    });
    const [row] = await handle.db.select().from(departments).where(eq(departments.id, departmentId));
    expect(row?.name).toBe("ENGINEERING");
    const renames = (await audits("department.renamed")).filter((a) => a.targetId === departmentId);
    expect(renames.map((a) => a.details)).toEqual([
      { from: "Enginering", to: "Engineering" },
      { from: "Engineering", to: "ENGINEERING" },
    ]);
  });
});

describe("heads", () => {
  it("sets and clears the head: an active person of the company only", async () => {
    const { departmentId } = await create("Finance");
    const head = await createPerson(handle.db, admin.companyId, { name: "Fiona Head" });
    const gone = await createPerson(handle.db, admin.companyId, { deactivated: true });
    const stranger = await createPerson(handle.db, foreignAdmin.companyId);
    for (const headId of [gone.id, stranger.id]) {
      await expect(setDepartmentHead(handle.db, admin, { departmentId, headId, operationId: opId() })).rejects.toMatchObject({
        code: "head_not_found",
      });
    }
    await setDepartmentHead(handle.db, admin, { departmentId, headId: head.id, operationId: opId() });
    const { rows } = await listDepartmentsPage(handle.db, admin);
    expect(rows.find((r) => r.id === departmentId)?.head).toEqual({ id: head.id, name: "Fiona Head", deactivated: false });
    await setDepartmentHead(handle.db, admin, { departmentId, headId: null, operationId: opId() });
    const [row] = await handle.db.select().from(departments).where(eq(departments.id, departmentId));
    expect(row?.headId).toBeNull();
    const changes = (await audits("department.head_set")).filter((a) => a.targetId === departmentId);
    expect(changes.map((a) => a.details)).toMatchObject([
      { headId: head.id, previousHeadId: null },
      { headId: null, previousHeadId: head.id },
    ]);
  });

  it("offers the department's active people by name as heads; another company's department is not found", async () => {
    const { departmentId } = await create("Procurement");
    const bea = await createPerson(handle.db, admin.companyId, { name: "bea Buyer", departmentId });
    const abe = await createPerson(handle.db, admin.companyId, { name: "Abe Agent", departmentId });
    await createPerson(handle.db, admin.companyId, { name: "Gone Buyer", departmentId, deactivated: true });
    await createPerson(handle.db, admin.companyId, { name: "Elsewhere" });
    const candidates = await listHeadCandidates(handle.db, admin, departmentId);
    expect(candidates.map((c) => c.id)).toEqual([abe.id, bea.id]);
    await expect(listHeadCandidates(handle.db, foreignAdmin, departmentId)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("merging", () => {
  it("moves everyone of A to B and deletes A in one step, with the counts audited; a replay does nothing more", async () => {
    const a = await create("Support");
    const b = await create("Customer Success");
    const aHead = await createPerson(handle.db, admin.companyId, { departmentId: a.departmentId });
    await setDepartmentHead(handle.db, admin, { departmentId: a.departmentId, headId: aHead.id, operationId: opId() });
    await createPerson(handle.db, admin.companyId, { departmentId: a.departmentId });
    await createPerson(handle.db, admin.companyId, { departmentId: a.departmentId, deactivated: true });
    await createPerson(handle.db, admin.companyId, { departmentId: b.departmentId });
    const input = { departmentId: a.departmentId, targetId: b.departmentId, operationId: opId() };

    expect((await mergeDepartments(handle.db, admin, input)).result).toEqual({ moved: 3 });
    expect((await mergeDepartments(handle.db, admin, input)).result).toEqual({ moved: 3 });

    expect(await departmentIdOf("Support")).toBeUndefined();
    const inB = await handle.db.select().from(users).where(eq(users.departmentId, b.departmentId));
    expect(inB).toHaveLength(4);
    const { rows } = await listDepartmentsPage(handle.db, admin);
    expect(rows.find((r) => r.id === b.departmentId)).toMatchObject({ name: "Customer Success", peopleCount: 3, head: null });
    const merges = await audits("department.merged");
    expect(merges).toHaveLength(1);
    expect(merges[0]).toMatchObject({
      targetId: b.departmentId,
      details: { sourceId: a.departmentId, sourceName: "Support", targetName: "Customer Success", moved: 3, movedActive: 2 },
    });
  });

  it("refuses merging a department into itself, and changes nothing", async () => {
    const { departmentId } = await create("Legal");
    await createPerson(handle.db, admin.companyId, { departmentId });
    await expect(mergeDepartments(handle.db, admin, { departmentId, targetId: departmentId, operationId: opId() })).rejects.toMatchObject({
      code: "department_merge_same",
    });
    expect(await departmentIdOf("Legal")).toBe(departmentId);
    expect(await handle.db.select().from(users).where(eq(users.departmentId, departmentId))).toHaveLength(1);
  });
});

describe("deleting", () => {
  it("refuses a department that still has people, with the counts, and deletes it once empty", async () => {
    const { departmentId } = await create("Operations");
    const active = await createPerson(handle.db, admin.companyId, { departmentId });
    const gone = await createPerson(handle.db, admin.companyId, { departmentId, deactivated: true });
    await expect(deleteDepartment(handle.db, admin, { departmentId, operationId: opId() })).rejects.toMatchObject({
      code: "department_not_empty",
      values: { name: "Operations", people: 2, deactivated: 1 },
    });
    await handle.db.update(users).set({ departmentId: null }).where(eq(users.id, active.id));
    await expect(deleteDepartment(handle.db, admin, { departmentId, operationId: opId() })).rejects.toMatchObject({
      code: "department_not_empty",
      values: { people: 1, deactivated: 1 },
    });
    await handle.db.update(users).set({ departmentId: null }).where(eq(users.id, gone.id));
    const input = { departmentId, operationId: opId() };
    await deleteDepartment(handle.db, admin, input);
    await deleteDepartment(handle.db, admin, input);
    expect(await departmentIdOf("Operations")).toBeUndefined();
    const deletions = (await audits("department.deleted")).filter((a) => a.details.departmentId === departmentId);
    expect(deletions).toHaveLength(1);
    expect(deletions[0]?.details).toEqual({ departmentId, name: "Operations" });
  });
});

describe("isolation", () => {
  it("another company's departments are not found, never listed, never changed", async () => {
    const foreignId = (await create("Globex Only", foreignAdmin)).departmentId;
    const ownId = (await create("Acme Only")).departmentId;
    const refusals = [
      () => renameDepartment(handle.db, admin, { departmentId: foreignId, name: "Taken over", operationId: opId() }),
      () => setDepartmentHead(handle.db, admin, { departmentId: foreignId, headId: admin.id, operationId: opId() }),
      () => mergeDepartments(handle.db, admin, { departmentId: foreignId, targetId: ownId, operationId: opId() }),
      () => mergeDepartments(handle.db, admin, { departmentId: ownId, targetId: foreignId, operationId: opId() }),
      () => deleteDepartment(handle.db, admin, { departmentId: foreignId, operationId: opId() }),
    ];
    for (const refusal of refusals) await expect(refusal()).rejects.toMatchObject({ code: "not_found" });
    expect(await departmentIdOf("Globex Only", foreignAdmin.companyId)).toBe(foreignId);
    expect(await departmentIdOf("Acme Only")).toBe(ownId);
    const names = (await listDepartmentsPage(handle.db, admin)).rows.map((r) => r.name);
    expect(names).not.toContain("Globex Only");
    const targets = (await searchMergeTargets(handle.db, admin, { exceptId: ownId, term: "" })).options.map((d) => d.name);
    expect(targets).not.toContain("Globex Only");
    expect(targets).not.toContain("Acme Only");
    expect(targets).toContain("Sales");
    expect((await listDepartmentsPage(handle.db, foreignAdmin)).rows.map((r) => r.name)).toEqual(["Globex Only", "Sales"]);
  });

  it("an operation id another company used is a different operation", async () => {
    const operationId = opId();
    await createDepartment(handle.db, foreignAdmin, { name: "Shared Key", operationId });
    await createDepartment(handle.db, admin, { name: "Shared Key", operationId });
    expect(await departmentIdOf("Shared Key")).toBeDefined();
  });
});

describe("the list", () => {
  it("counts active people, sorts by name regardless of case and pages", async () => {
    const company = await createCompany(handle.db, "Paging Co");
    const pager = await createPerson(handle.db, company.id, { roles: ["admin"] });
    const names = Array.from({ length: DEPARTMENTS_PAGE_SIZE + 2 }, (_, i) => `Team ${String(i).padStart(2, "0")}`);
    for (const name of names) await insertDepartment(handle.db, company.id, name);
    await insertDepartment(handle.db, company.id, "alpha");
    const first = await listDepartmentsPage(handle.db, pager);
    expect(first.total).toBe(names.length + 1);
    expect(first.rows).toHaveLength(DEPARTMENTS_PAGE_SIZE);
    expect(first.rows[0]).toMatchObject({ name: "alpha", peopleCount: 0, head: null });
    const second = await listDepartmentsPage(handle.db, pager, { page: 2 });
    expect(second.rows.map((r) => r.name)).toEqual(names.slice(-3));
  });
});
