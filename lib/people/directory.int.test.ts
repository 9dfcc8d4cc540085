import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { courseProgress, userIdentities, users } from "@/db/schema";
import { recordAudit } from "@/lib/operations/audit";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createCourse, createDepartment, createGroup, createPerson, type TestPerson } from "@/tests/fixtures";
import { listPeople, PEOPLE_PAGE_SIZE } from "./queries/directory";
import { AUDIT_PAGE_SIZE, getPerson } from "./queries/person";

let handle: TestDatabase;
let admin: TestPerson;
let hr: TestPerson;
let lena: TestPerson;
let salesId: string;
let foreigner: TestPerson;

beforeAll(async () => {
  handle = await createTestDatabase();
  const acme = await createCompany(handle.db, "Acme");
  const globex = await createCompany(handle.db, "Globex");
  salesId = (await createDepartment(handle.db, acme.id, "Sales")).id;
  admin = await createPerson(handle.db, acme.id, { roles: ["admin"], name: "Dana Admin", passwordHash: "x" });
  hr = await createPerson(handle.db, acme.id, { roles: ["hr"], name: "Hana HR", passwordHash: "x" });
  lena = await createPerson(handle.db, acme.id, {
    name: "Lena Learner",
    email: "lena.learner@acme.example",
    departmentId: salesId,
    passwordHash: "x",
  });
  await createPerson(handle.db, acme.id, { name: "Leonie Lang", departmentId: salesId });
  await createPerson(handle.db, acme.id, { name: "Lena Gone", departmentId: salesId, deactivated: true, passwordHash: "x" });
  const sso = await createPerson(handle.db, acme.id, { name: "Sam Sso" });
  await handle.db
    .insert(userIdentities)
    .values({ issuer: "https://idp.example", subject: "sam", userId: sso.id, companyId: sso.companyId });
  foreigner = await createPerson(handle.db, globex.id, { roles: ["admin"], name: "Lena Globex", passwordHash: "x" });
});
afterAll(() => handle.close());

const names = (page: { rows: { name: string }[] }) => page.rows.map((row) => row.name);

describe("the people directory", () => {
  it("lists my company's people by name, with department, roles and status", async () => {
    const page = await listPeople(handle.db, admin);
    expect(names(page)).toEqual(["Dana Admin", "Hana HR", "Lena Gone", "Lena Learner", "Leonie Lang", "Sam Sso"]);
    expect(page).toMatchObject({ page: 1, hasNext: false, resembling: false });
    expect(page.rows.find((row) => row.name === "Lena Learner")).toMatchObject({
      email: "lena.learner@acme.example",
      departmentName: "Sales",
      roles: [],
      status: "active",
    });
    expect(page.rows.find((row) => row.name === "Dana Admin")?.roles).toEqual(["admin"]);
  });

  it("tells active, invited (no password, no SSO identity) and deactivated people apart", async () => {
    expect(names(await listPeople(handle.db, admin, { status: "invited" }))).toEqual(["Leonie Lang"]);
    expect(names(await listPeople(handle.db, admin, { status: "deactivated" }))).toEqual(["Lena Gone"]);
    expect(names(await listPeople(handle.db, admin, { status: "active" }))).toEqual(["Dana Admin", "Hana HR", "Lena Learner", "Sam Sso"]);
  });

  it("finds a part of a name or email from three characters, and prefixes below", async () => {
    expect(names(await listPeople(handle.db, admin, { q: "lena" }))).toEqual(["Lena Gone", "Lena Learner"]);
    expect(names(await listPeople(handle.db, admin, { q: "learner@acme" }))).toEqual(["Lena Learner"]);
    expect(names(await listPeople(handle.db, admin, { q: "le" }))).toEqual(["Lena Gone", "Lena Learner", "Leonie Lang"]);
    expect(names(await listPeople(handle.db, admin, { q: "zzzz" }))).toEqual([]);
  });

  it("forgives a typo when nobody contains the term, and says so", async () => {
    const typo = await listPeople(handle.db, admin, { q: "Leanr" });
    expect(names(typo)).toContain("Lena Learner");
    expect(typo.resembling).toBe(true);
    expect((await listPeople(handle.db, admin, { q: "Leanr", page: 2 })).rows).toEqual([]);
    expect((await listPeople(handle.db, admin, { q: "lena" })).resembling).toBe(false);
  });

  it("filters by department and role, combined with the search", async () => {
    expect(names(await listPeople(handle.db, admin, { departmentId: salesId, status: "active" }))).toEqual(["Lena Learner"]);
    expect(names(await listPeople(handle.db, admin, { role: "hr" }))).toEqual(["Hana HR"]);
    expect(names(await listPeople(handle.db, admin, { role: "learner", q: "lena" }))).toEqual(["Lena Gone", "Lena Learner"]);
  });

  it("pages through many people", async () => {
    const company = await createCompany(handle.db, "Big");
    const bigAdmin = await createPerson(handle.db, company.id, { roles: ["admin"], name: "A Admin" });
    for (let i = 0; i < PEOPLE_PAGE_SIZE + 4; i++) {
      await createPerson(handle.db, company.id, { name: `Person ${String(i).padStart(2, "0")}` });
    }
    const first = await listPeople(handle.db, bigAdmin);
    expect(first).toMatchObject({ page: 1, pageSize: PEOPLE_PAGE_SIZE, hasNext: true });
    expect(first.rows).toHaveLength(PEOPLE_PAGE_SIZE);
    const second = await listPeople(handle.db, bigAdmin, { page: 2 });
    expect(second).toMatchObject({ page: 2, hasNext: false });
    expect(names(second)).toEqual(["Person 24", "Person 25", "Person 26", "Person 27", "Person 28"]);
    // Everyone but the admin is named "Person …": 29 of them, so page 2 holds the last four.
    const searched = await listPeople(handle.db, bigAdmin, { q: "person", page: 2 });
    expect(names(searched)).toEqual(["Person 25", "Person 26", "Person 27", "Person 28"]);
  });

  it("never shows another company's people", async () => {
    expect(names(await listPeople(handle.db, foreigner, { q: "lena" }))).toEqual(["Lena Globex"]);
    expect(names(await listPeople(handle.db, admin, { q: "globex" }))).toEqual([]);
  });
});

describe("the person page", () => {
  it("shows details, groups active and archived, course progress and the audit trail, newest first", async () => {
    const boss = await createPerson(handle.db, admin.companyId, { name: "Bo Boss" });
    await handle.db.update(users).set({ managerId: boss.id }).where(eq(users.id, lena.id));
    await createGroup(handle.db, admin, { name: "Wave B", members: [lena] });
    await createGroup(handle.db, admin, { name: "Wave A", members: [lena] });
    const course = await createCourse(handle.db, admin.companyId, "Safety");
    await handle.db
      .insert(courseProgress)
      .values({ companyId: admin.companyId, userId: lena.id, courseId: course.id, lessonsDone: 3, percent: 60 });
    for (let i = 0; i < AUDIT_PAGE_SIZE + 1; i++) {
      await recordAudit(handle.db, admin, { action: "person.updated", targetType: "user", targetId: lena.id, details: { i } });
    }
    // A millisecond apart, since rows of the same millisecond are ordered by their random id.
    await handle.db.execute(
      sql`update audit_log set created_at = created_at + ((details->>'i')::int * interval '1 millisecond') where target_id = ${lena.id}`,
    );
    const page = await getPerson(handle.db, admin, lena.id);
    expect(page).toMatchObject({
      name: "Lena Learner",
      status: "active",
      departmentName: "Sales",
      managerName: "Bo Boss",
      roles: [],
      groups: [
        { name: "Wave A", archived: false },
        { name: "Wave B", archived: false },
      ],
      courses: [{ title: "Safety", percent: 60, lessonsDone: 3, completedAt: null }],
    });
    expect(page?.createdAt).toBeInstanceOf(Date);
    expect(page?.groups[0]?.addedAt).toBeInstanceOf(Date);
    expect(page?.courses[0]?.lastActivityAt).toBeInstanceOf(Date);
    expect(page?.audit.rows[0]?.createdAt).toBeInstanceOf(Date);
    expect(page?.audit).toMatchObject({ total: AUDIT_PAGE_SIZE + 1, page: 1 });
    expect(page?.audit.rows).toHaveLength(AUDIT_PAGE_SIZE);
    expect(page?.audit.rows[0]).toMatchObject({ details: { i: AUDIT_PAGE_SIZE }, actorName: "Dana Admin" });
    expect((await getPerson(handle.db, admin, lena.id, { auditPage: 2 }))?.audit.rows).toHaveLength(1);
  });

  it("is readable by HR, and is nothing for another company", async () => {
    expect((await getPerson(handle.db, hr, lena.id))?.name).toBe("Lena Learner");
    expect(await getPerson(handle.db, foreigner, lena.id)).toBeNull();
    expect(await getPerson(handle.db, admin, foreigner.id)).toBeNull();
  });
});
