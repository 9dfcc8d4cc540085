import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notFound } from "@/lib/errors";
import { listDepartments } from "@/lib/people/queries";
import { refusalOr } from "@/tests/refusal";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createDepartment, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { listPeople } from "./directory";
import { getPerson } from "./person";
import { updatePersonSchema } from "./schemas";
import { deactivatePerson, reactivatePerson, updatePerson } from "./service";

type Actor = "admin" | "hr" | "learner" | "foreignAdmin" | "foreignHr";
type Action = "list" | "view" | "listDepartments" | "changeDepartment" | "changeRoles" | "deactivate" | "reactivate";
/** "absent": the call works but the person is not in what it shows. */
type Expected = "ok" | "absent" | "forbidden" | "not_found";

/**
 * Written out by hand, not derived from lib/permissions.ts: admins manage the people of their
 * company; HR staff read them (and act through the HR forms); learners get nothing of it; another
 * company's staff never see the person, and their ids give a 404.
 */
const matrix: [Actor, Action, Expected][] = [
  ["admin", "list", "ok"],
  ["admin", "view", "ok"],
  ["admin", "listDepartments", "ok"],
  ["admin", "changeDepartment", "ok"],
  ["admin", "changeRoles", "ok"],
  ["admin", "deactivate", "ok"],
  ["admin", "reactivate", "ok"],
  ["hr", "list", "ok"],
  ["hr", "view", "ok"],
  ["hr", "listDepartments", "ok"],
  ["hr", "changeDepartment", "forbidden"],
  ["hr", "changeRoles", "forbidden"],
  ["hr", "deactivate", "forbidden"],
  ["hr", "reactivate", "forbidden"],
  ["learner", "list", "forbidden"],
  ["learner", "view", "forbidden"],
  ["learner", "listDepartments", "forbidden"],
  ["learner", "changeDepartment", "forbidden"],
  ["learner", "changeRoles", "forbidden"],
  ["learner", "deactivate", "forbidden"],
  ["learner", "reactivate", "forbidden"],
  ["foreignAdmin", "list", "absent"],
  ["foreignAdmin", "view", "not_found"],
  ["foreignAdmin", "listDepartments", "absent"],
  ["foreignAdmin", "changeDepartment", "not_found"],
  ["foreignAdmin", "changeRoles", "not_found"],
  ["foreignAdmin", "deactivate", "not_found"],
  ["foreignAdmin", "reactivate", "not_found"],
  ["foreignHr", "list", "absent"],
  ["foreignHr", "view", "not_found"],
  ["foreignHr", "listDepartments", "absent"],
  ["foreignHr", "changeDepartment", "forbidden"],
  ["foreignHr", "changeRoles", "forbidden"],
  ["foreignHr", "deactivate", "forbidden"],
  ["foreignHr", "reactivate", "forbidden"],
];

let handle: TestDatabase;
let actors: Record<Actor, TestPerson>;
let companyId: string;
let departmentId: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  const acme = await createCompany(handle.db, "Acme");
  const globex = await createCompany(handle.db, "Globex");
  companyId = acme.id;
  departmentId = (await createDepartment(handle.db, acme.id, "Sales")).id;
  actors = {
    admin: await createPerson(handle.db, acme.id, { roles: ["admin"] }),
    hr: await createPerson(handle.db, acme.id, { roles: ["hr"] }),
    learner: await createPerson(handle.db, acme.id),
    foreignAdmin: await createPerson(handle.db, globex.id, { roles: ["admin"] }),
    foreignHr: await createPerson(handle.db, globex.id, { roles: ["hr"] }),
  };
});
afterAll(() => handle.close());

async function attempt(actor: Actor, action: Action): Promise<Expected> {
  const target = await createPerson(handle.db, companyId, { name: "Target Person", deactivated: action === "reactivate" });
  const ctx = actors[actor];
  const personId = target.id;
  const operationId = opId();
  const run: Record<Action, () => Promise<boolean>> = {
    list: async () => (await listPeople(handle.db, ctx, { q: "target" })).rows.some((row) => row.id === personId),
    view: async () => {
      if (!(await getPerson(handle.db, ctx, personId))) throw notFound();
      return true;
    },
    listDepartments: async () => (await listDepartments(handle.db, ctx)).some((d) => d.id === departmentId),
    changeDepartment: async () => {
      await updatePerson(handle.db, ctx, updatePersonSchema.parse({ personId, departmentId, operationId }));
      return true;
    },
    changeRoles: async () => {
      await updatePerson(handle.db, ctx, updatePersonSchema.parse({ personId, roles: ["hr"], operationId }));
      return true;
    },
    deactivate: async () => {
      await deactivatePerson(handle.db, ctx, { personId, operationId });
      return true;
    },
    reactivate: async () => {
      await reactivatePerson(handle.db, ctx, { personId, operationId });
      return true;
    },
  };
  return refusalOr(async () => ((await run[action]()) ? "ok" : "absent"));
}

describe("people permission matrix", () => {
  it.each(matrix)("%s → %s: %s", async (actor, action, expected) => {
    expect(await attempt(actor, action)).toBe(expected);
  });
});
