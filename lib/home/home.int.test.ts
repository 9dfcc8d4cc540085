import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { courseProgress, learningGroups } from "@/db/schema";
import { listMyGroups } from "./queries";
import { listMyCourses } from "@/lib/learning/queries";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createCourse, createGroup, createPerson, type TestPerson } from "@/tests/fixtures";

let handle: TestDatabase;
let me: TestPerson;
let stranger: TestPerson;

beforeAll(async () => {
  handle = await createTestDatabase();
  const { db } = handle;
  const acme = await createCompany(db, "Acme");
  const globex = await createCompany(db, "Globex");
  me = await createPerson(db, acme.id);
  const admin = await createPerson(db, acme.id, { roles: ["admin"] });
  stranger = await createPerson(db, globex.id);
  const course = await createCourse(db, acme.id, "Welcome");
  await createCourse(db, globex.id, "Globex only");
  await db.insert(courseProgress).values({ companyId: acme.id, userId: me.id, courseId: course.id, lessonsDone: 3, percent: 40 });

  await createGroup(db, admin, { name: "Wave with course", courseId: course.id, members: [me] });
  await createGroup(db, admin, { name: "Topic without course", members: [me, admin] });
  await createGroup(db, admin, { name: "Not mine", members: [admin] });
  const archived = await createGroup(db, admin, { name: "Archived wave", members: [me] });
  await db.update(learningGroups).set({ archivedAt: new Date() }).where(eq(learningGroups.id, archived.id));
  await createGroup(db, stranger, { name: "Globex wave", members: [stranger] });
});
afterAll(() => handle.close());

describe("home page data", () => {
  it("lists my active groups only, with my progress in the linked course", async () => {
    expect(await listMyGroups(handle.db, me)).toEqual([
      expect.objectContaining({ name: "Topic without course", courseTitle: null, myPercent: null, memberCount: 2 }),
      expect.objectContaining({ name: "Wave with course", courseTitle: "Welcome", myPercent: 40, memberCount: 1 }),
    ]);
  });

  it("shows another company's person nothing of ours", async () => {
    expect((await listMyGroups(handle.db, stranger)).map((g) => g.name)).toEqual(["Globex wave"]);
    expect((await listMyCourses(handle.db, stranger, { pageSize: 5 })).rows.map((c) => c.title)).toEqual(["Globex only"]);
  });

  it("lists my company's courses with my progress, started ones first, a page at a time", async () => {
    for (const title of ["Zebra crossing", "Ants", "Bees"]) await createCourse(handle.db, me.companyId, title);
    const first = await listMyCourses(handle.db, me, { pageSize: 2 });
    expect(first.rows.map((c) => [c.title, c.percent])).toEqual([
      ["Welcome", 40],
      ["Ants", 0],
    ]);
    expect(first).toMatchObject({ page: 1, hasNext: true });
    const second = await listMyCourses(handle.db, me, { page: 2, pageSize: 2 });
    expect(second.rows.map((c) => c.title)).toEqual(["Bees", "Zebra crossing"]);
    expect(second.hasNext).toBe(false);
    expect((await listMyCourses(handle.db, me, { page: 3, pageSize: 2 })).rows).toEqual([]);
  });
});
