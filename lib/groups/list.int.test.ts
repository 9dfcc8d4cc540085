import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { learningGroups } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createCourse, createGroup, createPerson, type TestPerson } from "@/tests/fixtures";
import { GROUPS_PAGE_SIZE, listGroups } from "./queries";

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
