import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Role, users } from "@/db/schema";
import type { Ctx } from "@/lib/auth/viewer";
import { type AppError, notFound } from "@/lib/errors";
import { startImport } from "@/lib/hr/import/staging";
import { searchDepartmentOptions } from "@/lib/departments/queries";
import { refusalOr } from "@/tests/refusal";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createDepartment, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { listPeople } from "./queries/directory";
import { getPerson } from "./queries/person";
import { updatePersonSchema } from "./schemas";
import { deactivatePerson } from "./operations/deactivate-person";
import { reactivatePerson } from "./operations/reactivate-person";
import { updatePerson } from "./operations/update-person";

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
    listDepartments: async () => (await searchDepartmentOptions(handle.db, ctx, "")).options.some((d) => d.id === departmentId),
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

/**
 * Issue 17, item 4: delegated actors (HR's forms and imports, API keys) never touch admins: no
 * deactivation or reactivation of an admin, no admin role given or taken, as HR's Leaver form refused.
 */
describe("delegated actors never touch admins", () => {
  const delegated: Record<"hrForms" | "apiKey", () => Ctx> = {
    hrForms: () => ({ ...actors.hr, actor: { kind: "hr" } }),
    // As lib/hr/api/auth.ts builds a write key's caller: its creator answers for it, with HR staff's roles.
    apiKey: () => ({ userId: actors.admin.id, companyId, roles: ["hr"], actor: { kind: "api_key", keyId: randomUUID() } }),
  };
  const codeOf = (attempt: Promise<unknown>) =>
    attempt.then(
      () => "ok",
      (error: AppError) => error.code,
    );

  it.each(Object.keys(delegated) as (keyof typeof delegated)[])("%s: refused for an admin, every way", async (name) => {
    const ctx = delegated[name]();
    const otherAdmin = await createPerson(handle.db, companyId, { roles: ["admin"], name: "Other Admin" });
    const formerAdmin = await createPerson(handle.db, companyId, { roles: ["admin"], name: "Former Admin", deactivated: true });
    const learner = await createPerson(handle.db, companyId, { name: "Learner" });
    const roles = (personId: string, to: Role[]) =>
      updatePerson(handle.db, ctx, updatePersonSchema.parse({ personId, roles: to, operationId: opId() }));
    expect(await codeOf(deactivatePerson(handle.db, ctx, { personId: otherAdmin.id, operationId: opId() }))).toBe("delegated_admin");
    expect(await codeOf(reactivatePerson(handle.db, ctx, { personId: formerAdmin.id, operationId: opId() }))).toBe("delegated_admin");
    expect(await codeOf(roles(otherAdmin.id, ["hr"]))).toBe("delegated_admin");
    expect(await codeOf(roles(otherAdmin.id, ["admin", "hr"]))).toBe("delegated_admin");
    expect(await codeOf(roles(learner.id, ["admin"]))).toBe("delegated_admin");
    const [row] = await handle.db.select().from(users).where(eq(users.id, otherAdmin.id));
    expect(row).toMatchObject({ roles: ["admin"], deactivatedAt: null });
    // Siblings: the same actor does this to a learner; a signed-in admin does it to an admin.
    expect(await codeOf(roles(learner.id, ["hr"]))).toBe("ok");
    expect(await codeOf(deactivatePerson(handle.db, ctx, { personId: learner.id, operationId: opId() }))).toBe("ok");
    expect(await codeOf(deactivatePerson(handle.db, actors.admin, { personId: otherAdmin.id, operationId: opId() }))).toBe("ok");
  });

  it("the import refuses a delegated actor, as HR's forms do; HR staff signed in may", async () => {
    const text = "email,name\nsomeone.new@delegated.example,Someone New\n";
    for (const ctx of Object.values(delegated)) {
      expect(await refusalOr(() => startImport(handle.db, ctx(), { fileName: "x.csv", text }))).toBe("forbidden");
    }
    await expect(startImport(handle.db, actors.hr, { fileName: "x.csv", text })).resolves.toMatchObject({ job: { totalRows: 1 } });
  });
});
