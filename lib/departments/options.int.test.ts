import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findCourseOption, searchCourseOptions } from "@/lib/learning/queries";
import { OPTIONS_LIMIT } from "@/lib/pagination";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createCourse, createDepartment, createPerson, type TestPerson } from "@/tests/fixtures";
import { findDepartmentOption, searchDepartmentOptions, searchMergeTargets } from "./queries";

let handle: TestDatabase;
let admin: TestPerson;
let hr: TestPerson;
let learner: TestPerson;
let stranger: TestPerson;
/** More of each than one answer carries, each with a name a search can single out. */
const crowd = Array.from({ length: OPTIONS_LIMIT + 2 }, (_, i) => `Unit ${String(i).padStart(3, "0")}`);

beforeAll(async () => {
  handle = await createTestDatabase();
  const acme = await createCompany(handle.db, "Acme");
  const globex = await createCompany(handle.db, "Globex");
  admin = await createPerson(handle.db, acme.id, { roles: ["admin"] });
  hr = await createPerson(handle.db, acme.id, { roles: ["hr"] });
  learner = await createPerson(handle.db, acme.id);
  stranger = await createPerson(handle.db, globex.id, { roles: ["admin"] });
  for (const name of crowd) {
    await createDepartment(handle.db, acme.id, name);
    await createCourse(handle.db, acme.id, `Course of ${name}`);
  }
  await createDepartment(handle.db, acme.id, "100% Sales");
  await createDepartment(handle.db, globex.id, "Unit at Globex");
  await createCourse(handle.db, globex.id, "Course of Unit at Globex");
});
afterAll(() => handle.close());

describe("department options for pickers", () => {
  it("answer the first matches by name, with their active people, and say there are more", async () => {
    const first = await searchDepartmentOptions(handle.db, hr, "unit");
    expect(first.options.map((option) => option.name)).toEqual(crowd.slice(0, OPTIONS_LIMIT));
    expect(first.more).toBe(true);
    expect(first.options[0]).toEqual({ id: expect.any(String), name: "Unit 000", activePeople: 0 });
  });

  it("narrow by any part of the name, taking the term literally", async () => {
    expect((await searchDepartmentOptions(handle.db, admin, "it 051")).options.map((option) => option.name)).toEqual(["Unit 051"]);
    expect((await searchDepartmentOptions(handle.db, admin, "0%")).options.map((option) => option.name)).toEqual(["100% Sales"]);
    expect((await searchDepartmentOptions(handle.db, admin, "_")).options).toEqual([]);
  });

  it("as merge targets leave out the department being merged, for those who may merge", async () => {
    const [unit] = (await searchDepartmentOptions(handle.db, admin, "Unit 051")).options;
    expect((await searchMergeTargets(handle.db, admin, { exceptId: unit!.id, term: "Unit 05" })).options.map((o) => o.name)).toEqual([
      "Unit 050",
    ]);
    await expect(searchMergeTargets(handle.db, hr, { exceptId: unit!.id, term: "" })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("are my company's only, and not a learner's to read", async () => {
    expect((await searchDepartmentOptions(handle.db, stranger, "unit")).options.map((option) => option.name)).toEqual(["Unit at Globex"]);
    const [unit] = (await searchDepartmentOptions(handle.db, admin, "Unit 000")).options;
    expect(await findDepartmentOption(handle.db, admin, unit!.id)).toEqual(unit);
    expect(await findDepartmentOption(handle.db, stranger, unit!.id)).toBeNull();
    await expect(searchDepartmentOptions(handle.db, learner, "")).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("course options for pickers", () => {
  it("answer the first matches by title and say there are more; a search narrows them", async () => {
    const first = await searchCourseOptions(handle.db, learner, "");
    expect(first.options.map((option) => option.title)).toEqual(crowd.slice(0, OPTIONS_LIMIT).map((name) => `Course of ${name}`));
    expect(first.more).toBe(true);
    const found = await searchCourseOptions(handle.db, admin, "unit 051");
    expect(found).toEqual({ options: [{ id: expect.any(String), title: "Course of Unit 051" }], more: false });
    expect(await findCourseOption(handle.db, admin, found.options[0]!.id)).toEqual(found.options[0]);
  });

  it("are my company's only", async () => {
    expect((await searchCourseOptions(handle.db, stranger, "unit")).options.map((option) => option.title)).toEqual([
      "Course of Unit at Globex",
    ]);
    const [course] = (await searchCourseOptions(handle.db, admin, "Unit 000")).options;
    expect(await findCourseOption(handle.db, stranger, course!.id)).toBeNull();
  });
});
