import { afterAll, beforeAll, describe, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createDepartment, createGroup, createPerson, type TestPerson } from "@/tests/fixtures";
import { expectOnce } from "@/tests/replay";
import { deactivatePerson } from "./operations/deactivate-person";
import { reactivatePerson } from "./operations/reactivate-person";
import { updatePerson } from "./operations/update-person";

let handle: TestDatabase;
let admin: TestPerson;
let companyId: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  companyId = (await createCompany(handle.db, "Acme")).id;
  admin = await createPerson(handle.db, companyId, { roles: ["admin"] });
});
afterAll(() => handle.close());

/** Each operation on a person of its own, for an operation id. */
const cases: [string, () => Promise<Parameters<typeof expectOnce>[2]>][] = [
  [
    "person.update",
    async () => {
      const [someone, sales] = await Promise.all([createPerson(handle.db, companyId), createDepartment(handle.db, companyId, "Sales")]);
      return (operationId) => updatePerson(handle.db, admin, { personId: someone.id, departmentId: sales.id, roles: ["hr"], operationId });
    },
  ],
  [
    "person.deactivate",
    async () => {
      const leaver = await createPerson(handle.db, companyId);
      await createGroup(handle.db, admin, { members: [leaver] });
      return (operationId) => deactivatePerson(handle.db, admin, { personId: leaver.id, operationId });
    },
  ],
  [
    "person.reactivate",
    async () => {
      const returning = await createPerson(handle.db, companyId, { deactivated: true });
      return (operationId) => reactivatePerson(handle.db, admin, { personId: returning.id, operationId });
    },
  ],
];

describe("a resubmission never duplicates work", () => {
  it.each(cases)("%s: the same operation id twice, one effect", async (_, setup) => {
    await expectOnce(handle.db, companyId, await setup());
  });
});
