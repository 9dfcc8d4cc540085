import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createDepartment, createGroup, createPerson, type TestPerson } from "@/tests/fixtures";
import { searchDepartmentOptions } from "@/lib/departments/queries";
import { searchPeople } from "./queries/search";

let handle: TestDatabase;
let admin: TestPerson;
let lena: TestPerson;
let groupId: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  const acme = await createCompany(handle.db, "Acme");
  const globex = await createCompany(handle.db, "Globex");
  const sales = await createDepartment(handle.db, acme.id, "Sales");
  await createDepartment(handle.db, acme.id, "Finance");
  admin = await createPerson(handle.db, acme.id, { roles: ["admin"], name: "Dana Admin", email: "dana@acme.example" });
  lena = await createPerson(handle.db, acme.id, { name: "Lena Learner", email: "lena.learner@acme.example", departmentId: sales.id });
  await createPerson(handle.db, acme.id, { name: "Leonie Lang", email: "leonie@acme.example", departmentId: sales.id });
  await createPerson(handle.db, acme.id, { name: "Lena Gone", email: "gone@acme.example", departmentId: sales.id, deactivated: true });
  await createPerson(handle.db, globex.id, { name: "Lena Globex", email: "lena@globex.example" });
  groupId = (await createGroup(handle.db, admin, { name: "Wave", members: [lena] })).id;
});
afterAll(() => handle.close());

const names = (matches: { name: string }[]) => matches.map((m) => m.name);

describe("people autocomplete", () => {
  it("finds active people of my company by part of a name, marking members", async () => {
    const matches = await searchPeople(handle.db, admin, { term: "lena", groupId });
    expect(names(matches)).toEqual(["Lena Learner"]);
    expect(matches[0]).toMatchObject({ departmentName: "Sales", alreadyMember: true, email: "lena.learner@acme.example" });
  });

  it("forgives a typo from three characters on", async () => {
    expect(names(await searchPeople(handle.db, admin, { term: "leanr", groupId }))).toContain("Lena Learner");
    expect(names(await searchPeople(handle.db, admin, { term: "Learnr", groupId }))).toContain("Lena Learner");
  });

  it("shows the closest of many matching names first, and finds people by the start of their email", async () => {
    const initechId = (await createCompany(handle.db, "Initech")).id;
    const boss = await createPerson(handle.db, initechId, { roles: ["admin"], name: "Bill Boss" });
    for (let i = 0; i < 12; i++) await createPerson(handle.db, initechId, { name: `Maria Roe ${i}` });
    await createPerson(handle.db, initechId, { name: "Marius Lopez" });
    await createPerson(handle.db, initechId, { name: "Kim Park", email: "kp-sales-lead@initech.example" });
    const marias = names(await searchPeople(handle.db, boss, { term: "maria" }));
    expect(marias).toHaveLength(10);
    expect(marias.every((name) => name.startsWith("Maria Roe"))).toBe(true);
    expect(names(await searchPeople(handle.db, boss, { term: "KP-Sal" }))).toEqual(["Kim Park"]);
  });

  it("matches name and email prefixes for one or two characters", async () => {
    expect(names(await searchPeople(handle.db, admin, { term: "le", groupId }))).toEqual(["Lena Learner", "Leonie Lang"]);
    expect(names(await searchPeople(handle.db, admin, { term: "l", groupId }))).toEqual(["Lena Learner", "Leonie Lang"]);
    expect(names(await searchPeople(handle.db, admin, { term: "da", groupId }))).toEqual(["Dana Admin"]);
  });

  it("ranks the whole name, then its start, a later word's start, inside, then a resemblance; leaves out who was deactivated", async () => {
    const globexId = (await createCompany(handle.db, "Ranking Co")).id;
    const boss = await createPerson(handle.db, globexId, { roles: ["admin"], name: "Bea Boss" });
    for (const name of ["Elena Alvarez", "Lena Lang", "Magdalena Lenz", "Lena", "Helena Lenard", "Lenna Smith"]) {
      await createPerson(handle.db, globexId, { name });
    }
    await createPerson(handle.db, globexId, { name: "Lena Left", deactivated: true });
    const found = await searchPeople(handle.db, boss, { term: "lena" });
    expect(found.map((person) => [person.name, person.match])).toEqual([
      ["Lena", 0],
      ["Lena Lang", 1],
      ["Helena Lenard", 2],
      // Alike in kind, the closer name first.
      ["Magdalena Lenz", 3],
      ["Elena Alvarez", 3],
      ["Lenna Smith", 4],
    ]);
  });

  it("is for admins and HR staff only", async () => {
    await expect(searchPeople(handle.db, lena, { term: "lena", groupId })).rejects.toMatchObject({ code: "forbidden" });
    const hr = await createPerson(handle.db, admin.companyId, { roles: ["hr"], name: "Hana HR" });
    expect(names(await searchPeople(handle.db, hr, { term: "lena" }))).toEqual(["Lena Learner"]);
  });
});

describe("departments", () => {
  it("lists my company's departments with their active people", async () => {
    expect((await searchDepartmentOptions(handle.db, admin, "")).options).toEqual([
      expect.objectContaining({ name: "Finance", activePeople: 0 }),
      expect.objectContaining({ name: "Sales", activePeople: 2 }),
    ]);
  });
});
