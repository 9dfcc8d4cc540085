import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refusalOr } from "@/tests/refusal";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createDepartment, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { listDepartmentsPage, listHeadCandidates, searchMergeTargets } from "./queries";
import { createDepartment as createThroughService } from "./operations/create-department";
import { deleteDepartment } from "./operations/delete-department";
import { mergeDepartments } from "./operations/merge-departments";
import { renameDepartment } from "./operations/rename-department";
import { setDepartmentHead } from "./operations/set-department-head";

type Actor = "admin" | "hr" | "learner" | "foreignAdmin";
type Action = "list" | "create" | "rename" | "headCandidates" | "setHead" | "merge" | "delete";
type Expected = "ok" | "forbidden" | "not_found";

/**
 * Written out by hand, not derived from lib/permissions.ts: role × action on a department of the
 * admins' company (listing and creating act on the caller's own company). HR staff read people
 * but manage departments only through the HR forms.
 */
const matrix: [Actor, Action, Expected][] = [
  ["admin", "list", "ok"],
  ["admin", "create", "ok"],
  ["admin", "rename", "ok"],
  ["admin", "headCandidates", "ok"],
  ["admin", "setHead", "ok"],
  ["admin", "merge", "ok"],
  ["admin", "delete", "ok"],
  ["hr", "list", "forbidden"],
  ["hr", "create", "forbidden"],
  ["hr", "rename", "forbidden"],
  ["hr", "headCandidates", "forbidden"],
  ["hr", "setHead", "forbidden"],
  ["hr", "merge", "forbidden"],
  ["hr", "delete", "forbidden"],
  ["learner", "list", "forbidden"],
  ["learner", "create", "forbidden"],
  ["learner", "rename", "forbidden"],
  ["learner", "headCandidates", "forbidden"],
  ["learner", "setHead", "forbidden"],
  ["learner", "merge", "forbidden"],
  ["learner", "delete", "forbidden"],
  ["foreignAdmin", "list", "ok"],
  ["foreignAdmin", "create", "ok"],
  ["foreignAdmin", "rename", "not_found"],
  ["foreignAdmin", "headCandidates", "not_found"],
  ["foreignAdmin", "setHead", "not_found"],
  ["foreignAdmin", "merge", "not_found"],
  ["foreignAdmin", "delete", "not_found"],
];

let handle: TestDatabase;
let people: Record<Actor, TestPerson>;
let counter = 0;

beforeAll(async () => {
  handle = await createTestDatabase();
  const acme = await createCompany(handle.db, "Acme");
  const globex = await createCompany(handle.db, "Globex");
  people = {
    admin: await createPerson(handle.db, acme.id, { roles: ["admin"] }),
    hr: await createPerson(handle.db, acme.id, { roles: ["hr"] }),
    learner: await createPerson(handle.db, acme.id),
    foreignAdmin: await createPerson(handle.db, globex.id, { roles: ["admin"] }),
  };
});
afterAll(() => handle.close());

async function attempt(actor: Actor, action: Action): Promise<Expected> {
  const companyId = people.admin.companyId;
  const department = await createDepartment(handle.db, companyId, `Department ${++counter}`);
  const target = await createDepartment(handle.db, companyId, `Target ${counter}`);
  const ctx = people[actor];
  const departmentId = department.id;
  const operationId = opId();
  const run: Record<Action, () => Promise<unknown>> = {
    list: () =>
      Promise.all([listDepartmentsPage(handle.db, ctx), searchMergeTargets(handle.db, ctx, { exceptId: departmentId, term: "" })]),
    create: () => createThroughService(handle.db, ctx, { name: `Created ${counter}`, operationId }),
    rename: () => renameDepartment(handle.db, ctx, { departmentId, name: `Renamed ${counter}`, operationId }),
    headCandidates: () => listHeadCandidates(handle.db, ctx, departmentId),
    setHead: () => setDepartmentHead(handle.db, ctx, { departmentId, headId: null, operationId }),
    merge: () => mergeDepartments(handle.db, ctx, { departmentId, targetId: target.id, operationId }),
    delete: () => deleteDepartment(handle.db, ctx, { departmentId, operationId }),
  };
  return refusalOr(async () => {
    await run[action]();
    return "ok" as const;
  });
}

describe("department permission matrix", () => {
  it.each(matrix)("%s → %s: %s", async (actor, action, expected) => {
    expect(await attempt(actor, action)).toBe(expected);
  });
});
