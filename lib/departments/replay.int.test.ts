import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createDepartment, createPerson, type TestPerson } from "@/tests/fixtures";
import { expectOnce } from "@/tests/replay";
import { createDepartment as create } from "./operations/create-department";
import { deleteDepartment } from "./operations/delete-department";
import { mergeDepartments } from "./operations/merge-departments";
import { renameDepartment } from "./operations/rename-department";
import { setDepartmentHead } from "./operations/set-department-head";

let handle: TestDatabase;
let admin: TestPerson;
let companyId: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  companyId = (await createCompany(handle.db, "Acme")).id;
  admin = await createPerson(handle.db, companyId, { roles: ["admin"] });
});
afterAll(() => handle.close());

const department = () => createDepartment(handle.db, companyId, `Department ${randomUUID().slice(0, 8)}`);

/**
 * Each operation on departments of its own, for an operation id. Merge and delete remove the
 * department their replay names: the caller's own stored result answers it.
 */
const cases: [string, () => Promise<Parameters<typeof expectOnce>[2]>][] = [
  ["department.create", async () => (operationId) => create(handle.db, admin, { name: `New ${randomUUID().slice(0, 8)}`, operationId })],
  [
    "department.rename",
    async () => {
      const { id } = await department();
      return (operationId) =>
        renameDepartment(handle.db, admin, { departmentId: id, name: `Renamed ${randomUUID().slice(0, 8)}`, operationId });
    },
  ],
  [
    "department.setHead",
    async () => {
      const { id } = await department();
      const head = await createPerson(handle.db, companyId, { departmentId: id });
      return (operationId) => setDepartmentHead(handle.db, admin, { departmentId: id, headId: head.id, operationId });
    },
  ],
  [
    "department.merge",
    async () => {
      const [source, target] = await Promise.all([department(), department()]);
      await createPerson(handle.db, companyId, { departmentId: source.id });
      return (operationId) => mergeDepartments(handle.db, admin, { departmentId: source.id, targetId: target.id, operationId });
    },
  ],
  [
    "department.delete",
    async () => {
      const { id } = await department();
      return (operationId) => deleteDepartment(handle.db, admin, { departmentId: id, operationId });
    },
  ],
];

describe("a resubmission never duplicates work", () => {
  it.each(cases)("%s: the same operation id twice, one effect", async (_, setup) => {
    await expectOnce(handle.db, companyId, await setup());
  });
});
