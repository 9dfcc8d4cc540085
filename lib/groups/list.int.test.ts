import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { learningGroups } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createCourse, createGroup, createPerson, type TestPerson } from "@/tests/fixtures";
import { OPTIONS_LIMIT } from "@/lib/pagination";
import { findGroupOption, GROUPS_PAGE_SIZE, listGroups, searchGroupOptions } from "./queries";

let handle: TestDatabase;
let admin: TestPerson;
let learner: TestPerson;
let stranger: TestPerson;
/** Newest first, as the list shows them: "Wave i" has i % 4 members. */
const expected: { name: string; memberCount: number }[] = [];
const createdAt = (i: number) => new Date(Date.UTC(2026, 0, 1) - i * 60_000);

beforeAll(async () => {
  handle = await createTestDatabase();
  const acme = await createCompany(handle.db, "Acme");
  admin = await createPerson(handle.db, acme.id, { roles: ["admin"], name: "Dana Admin" });
  learner = await createPerson(handle.db, acme.id, { name: "Lena Learner" });
  const people = await Promise.all(Array.from({ length: 3 }, (_, i) => createPerson(handle.db, acme.id, { name: `Member ${i}` })));
  const courseId = (await createCourse(handle.db, acme.id, "Welcome")).id;
  const count = GROUPS_PAGE_SIZE + 5;
  for (let i = 0; i < count; i++) {
    const name = `Wave ${String(i).padStart(2, "0")}`;
    const group = await createGroup(handle.db, admin, { name, members: people.slice(0, i % 4), courseId: i === 0 ? courseId : undefined });
    // Distinct creation times, Wave 00 the newest, so the expected order does not hang on the clock.
    await handle.db
      .update(learningGroups)
      .set({ createdAt: createdAt(i) })
      .where(eq(learningGroups.id, group.id));
    expected.push({ name, memberCount: i % 4 });
  }
  const archived = await createGroup(handle.db, admin, { name: "Old wave", members: people });
  await handle.db.update(learningGroups).set({ archivedAt: new Date() }).where(eq(learningGroups.id, archived.id));
  const globex = await createCompany(handle.db, "Globex");
  stranger = await createPerson(handle.db, globex.id, { roles: ["admin"], name: "Gina Admin" });
  await createGroup(handle.db, stranger, { name: "Wave 00 at Globex" });
});
afterAll(() => handle.close());

const summary = (rows: { name: string; memberCount: number }[]) => rows.map(({ name, memberCount }) => ({ name, memberCount }));

describe("the groups list", () => {
  it("pages the active groups newest first, each with its own member count, on every page", async () => {
    const first = await listGroups(handle.db, admin, { archived: false });
    const second = await listGroups(handle.db, admin, { archived: false, page: 2 });
    expect(first).toMatchObject({ total: expected.length, page: 1, pageSize: GROUPS_PAGE_SIZE });
    expect(summary(first.rows)).toEqual(expected.slice(0, GROUPS_PAGE_SIZE));
    expect(summary(second.rows)).toEqual(expected.slice(GROUPS_PAGE_SIZE));
    expect(first.rows[0]).toMatchObject({ courseTitle: "Welcome", ownerName: "Dana Admin", visibility: "private", maxMembers: null });
    expect(first.rows[0]?.createdAt).toEqual(createdAt(0));
  });

  it("shows the archived tab and searches by name, within my company only", async () => {
    expect(summary((await listGroups(handle.db, admin, { archived: true })).rows)).toEqual([{ name: "Old wave", memberCount: 3 }]);
    const searched = await listGroups(handle.db, admin, { archived: false, search: "wave 0" });
    expect(summary(searched.rows)).toEqual(expected.filter(({ name }) => name.startsWith("Wave 0")));
    expect(searched.total).toBe(10);
    expect(summary((await listGroups(handle.db, stranger, { archived: false })).rows)).toEqual([
      { name: "Wave 00 at Globex", memberCount: 0 },
    ]);
  });

  it("is for admins only", async () => {
    await expect(listGroups(handle.db, learner, { archived: false })).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("group options for pickers", () => {
  let crowd: string[];
  beforeAll(async () => {
    // More groups than one answer carries, each with a name a search can single out.
    crowd = Array.from({ length: OPTIONS_LIMIT + 3 }, (_, i) => `Crowd ${String(i).padStart(3, "0")}`);
    for (const name of crowd) await createGroup(handle.db, admin, { name });
  });

  it("answers the first matches by name, active before archived, and says there are more", async () => {
    const first = await searchGroupOptions(handle.db, admin, { term: "", includeArchived: true });
    expect(first.options).toHaveLength(OPTIONS_LIMIT);
    expect(first.more).toBe(true);
    expect(first.options.map((option) => option.name)).toEqual(crowd.slice(0, OPTIONS_LIMIT));
    const waves = await searchGroupOptions(handle.db, admin, { term: "wave", includeArchived: true });
    expect(waves.more).toBe(false);
    expect(waves.options.at(-1)).toEqual(expect.objectContaining({ name: "Old wave", memberCount: 3, archived: true }));
    expect(waves.options.filter((option) => option.archived)).toHaveLength(1);
    expect(waves.options[1]).toEqual(expect.objectContaining({ name: "Wave 01", memberCount: 1, archived: false }));
  });

  it("narrows by any part of the name, taking the term literally, and leaves out archived groups and one group when asked", async () => {
    const found = await searchGroupOptions(handle.db, admin, { term: "wd 052", includeArchived: false });
    expect(found).toEqual({ options: [expect.objectContaining({ name: "Crowd 052" })], more: false });
    expect((await searchGroupOptions(handle.db, admin, { term: "%", includeArchived: true })).options).toEqual([]);
    expect((await searchGroupOptions(handle.db, admin, { term: "old wave", includeArchived: false })).options).toEqual([]);
    const except = found.options[0]!.id;
    expect((await searchGroupOptions(handle.db, admin, { term: "wd 052", includeArchived: false, exceptGroupId: except })).options).toEqual(
      [],
    );
    expect(await findGroupOption(handle.db, admin, except, { includeArchived: false })).toEqual(found.options[0]);
  });

  it("offers my company's groups only, to those who may list them", async () => {
    expect((await searchGroupOptions(handle.db, stranger, { term: "wave", includeArchived: true })).options.map((o) => o.name)).toEqual([
      "Wave 00 at Globex",
    ]);
    const acmeGroup = (await searchGroupOptions(handle.db, admin, { term: "Wave 00", includeArchived: false })).options[0]!;
    expect(await findGroupOption(handle.db, stranger, acmeGroup.id, { includeArchived: true })).toBeNull();
    await expect(searchGroupOptions(handle.db, learner, { term: "", includeArchived: true })).rejects.toMatchObject({ code: "forbidden" });
  });
});
