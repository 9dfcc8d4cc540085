import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { courseProgress } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { insertAssignment, insertRule } from "@/tests/assignments";
import { createCompany, createCourse, createGroup, createPerson, type TestPerson } from "@/tests/fixtures";
import { refusalOr } from "@/tests/refusal";
import {
  type AssignmentRow,
  groupHasOpenAssignments,
  listMyAssignments,
  type MyAssignmentFilter,
  listPersonAssignments,
  MY_ASSIGNMENTS_PAGE_SIZE,
} from "./queries";

const NOW = new Date("2026-12-10T12:00:00Z");
const days = (n: number) => new Date(NOW.getTime() + n * 86_400_000);

let handle: TestDatabase;
let admin: TestPerson;
let hr: TestPerson;
let lena: TestPerson;
let bo: TestPerson;
let foreignAdmin: TestPerson;
let waveId: string;
let leftId: string;

const shown = (rows: AssignmentRow[]) => rows.map((row) => [row.courseTitle, row.status]);

beforeAll(async () => {
  handle = await createTestDatabase();
  const { db } = handle;
  const acme = await createCompany(db, "Acme");
  admin = await createPerson(db, acme.id, { roles: ["admin"], name: "Dana Admin" });
  hr = await createPerson(db, acme.id, { roles: ["hr"], name: "Hana HR" });
  lena = await createPerson(db, acme.id, { name: "Lena Learner" });
  bo = await createPerson(db, acme.id, { name: "Bo" });
  const [security, privacy, fire, ethics] = await Promise.all(
    ["Security", "Privacy", "Fire safety", "Ethics"].map((title) => createCourse(db, acme.id, title)),
  );
  const wave = await createGroup(db, admin, { name: "Wave A", courseId: security!.id, members: [lena, bo] });
  waveId = wave.id;
  // Lena has left this private group: its name is not hers to read any more.
  const left = await createGroup(db, admin, { name: "Secret project" });
  leftId = left.id;
  await insertAssignment(db, lena, security!.id, { dueAt: days(-1), groupId: wave.id });
  await insertAssignment(db, lena, privacy!.id, { dueAt: days(5) });
  await insertAssignment(db, lena, fire!.id, { dueAt: days(2), status: "done", groupId: left.id });
  await insertAssignment(db, lena, ethics!.id, { dueAt: days(-20), status: "waived" });
  await insertAssignment(db, bo, privacy!.id, { dueAt: days(-3) });
  await db.insert(courseProgress).values({ companyId: acme.id, userId: lena.id, courseId: privacy!.id, lessonsDone: 1, percent: 40 });

  const globex = await createCompany(db, "Globex");
  foreignAdmin = await createPerson(db, globex.id, { roles: ["admin"] });
  const foreigner = await createPerson(db, globex.id);
  await insertAssignment(db, foreigner, (await createCourse(db, globex.id, "Security")).id, { dueAt: days(-1) });
});
afterAll(() => handle.close());

describe("My assignments", () => {
  it("lists the caller's own, overdue first, then by deadline, waived hidden", async () => {
    const page = await listMyAssignments(handle.db, lena, { now: NOW });
    expect(page).toMatchObject({ total: 3, page: 1, pageSize: MY_ASSIGNMENTS_PAGE_SIZE });
    expect(shown(page.rows)).toEqual([
      ["Security", "overdue"],
      ["Privacy", "open"],
      ["Fire safety", "done"],
    ]);
    const [security, privacy, fire] = page.rows;
    expect(security!.group).toEqual({ id: waveId, name: "Wave A", linked: true });
    expect(privacy).toMatchObject({ group: null, percent: 40, completedAt: null, source: "direct" });
    expect(privacy!.dueAt).toEqual(days(5));
    expect(fire).toMatchObject({ group: null, completedAt: days(2) });
  });

  it("filters by status; open includes overdue", async () => {
    const list = async (filter: MyAssignmentFilter) => shown((await listMyAssignments(handle.db, lena, { now: NOW, filter })).rows);
    expect(await list("open")).toEqual([
      ["Security", "overdue"],
      ["Privacy", "open"],
    ]);
    expect(await list("overdue")).toEqual([["Security", "overdue"]]);
    expect(await list("done")).toEqual([["Fire safety", "done"]]);
    expect(await list("waived")).toEqual([["Ethics", "waived"]]);
  });

  it("turns overdue exactly at the end of the deadline day", async () => {
    const { db } = handle;
    const course = await createCourse(db, lena.companyId, "Boundary");
    const dueAt = new Date("2026-12-14T23:00:00Z"); // 23:59:59.999 on 14 Dec in Berlin ends here
    await insertAssignment(db, bo, course.id, { dueAt, dueOn: "2026-12-14" });
    const statusAt = async (now: Date) =>
      (await listMyAssignments(db, bo, { now })).rows.find((row) => row.courseTitle === "Boundary")?.status;
    expect(await statusAt(new Date(dueAt.getTime() - 1))).toBe("open");
    expect(await statusAt(dueAt)).toBe("overdue");
  });

  it("never lists another person's or company's assignments", async () => {
    const bos = await listMyAssignments(handle.db, bo, { now: NOW });
    expect(bos.rows.every((row) => row.courseTitle !== "Security" && row.courseTitle !== "Fire safety")).toBe(true);
    expect(await listMyAssignments(handle.db, foreignAdmin, { now: NOW })).toMatchObject({ rows: [], total: 0 });
  });
});

describe("a person's assignments", () => {
  it("shows admins and HR staff every assignment, waived included, with group names", async () => {
    const read = await listPersonAssignments(handle.db, hr, lena.id, { now: NOW });
    expect(shown(read.rows)).toEqual([
      ["Security", "overdue"],
      ["Privacy", "open"],
      ["Fire safety", "done"],
      ["Ethics", "waived"],
    ]);
    // HR staff read the group's name but may not open the group.
    expect(read.rows[0]!.group).toEqual({ id: waveId, name: "Wave A", linked: false });
    expect(read.rows[2]!.group).toMatchObject({ name: "Secret project", linked: false });
    const admins = await listPersonAssignments(handle.db, admin, lena.id, { now: NOW });
    expect(admins.rows[0]!.group).toMatchObject({ linked: true });
  });

  it("refuses learners and treats another company's person as not found", async () => {
    expect(await refusalOr(() => listPersonAssignments(handle.db, bo, lena.id))).toBe("forbidden");
    expect(await refusalOr(() => listPersonAssignments(handle.db, foreignAdmin, lena.id))).toBe("not_found");
  });
});

describe("whether a group's removals touch assignments", () => {
  it("is so with open assignments through the group or a rule on it, not with done ones alone, nor for another company", async () => {
    const { db } = handle;
    expect(await groupHasOpenAssignments(db, admin, waveId)).toBe(true);
    expect(await groupHasOpenAssignments(db, admin, leftId)).toBe(false);
    const ruled = await createGroup(db, admin, { name: "Ruled" });
    expect(await groupHasOpenAssignments(db, admin, ruled.id)).toBe(false);
    await insertRule(db, ruled, (await createCourse(db, admin.companyId, "Rule course")).id);
    expect(await groupHasOpenAssignments(db, admin, ruled.id)).toBe(true);
    expect(await groupHasOpenAssignments(db, foreignAdmin, waveId)).toBe(false);
  });
});
