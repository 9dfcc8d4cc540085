import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getStatisticsTabKind } from "@/lib/statistics/group";
import { listReports } from "@/lib/reports/queries";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { insertAssignment, insertRule } from "@/tests/assignments";
import { createCompany, createCourse, createGroup, createPerson, type TestPerson } from "@/tests/fixtures";
import { refusalOr } from "@/tests/refusal";
import {
  assignmentOverviewCsv,
  overviewBatches,
  groupAssignmentFigures,
  listAssignmentOverview,
  listAssignmentPeople,
  type OverviewFilters,
  type OverviewRow,
  type OverviewView,
} from "./overview";
import { getGroupAccess, requireGroupAccess } from "@/lib/group-access/access";

const NOW = new Date("2026-12-10T12:00:00Z");
const days = (n: number) => new Date(NOW.getTime() + n * 86_400_000);

let handle: TestDatabase;
let admin: TestPerson;
let hr: TestPerson;
let lena: TestPerson;
let foreignAdmin: TestPerson;
const ids: Record<string, string> = {};

const figures = ({ name, assigned, done, open, overdue }: OverviewRow) => [name, assigned, done, open, overdue];
const overview = async (view: OverviewView, filters: OverviewFilters = {}, who: TestPerson = admin) =>
  (await listAssignmentOverview(handle.db, who, view, { ...filters, now: NOW })).rows.map(figures);

/**
 * The hand-computed fixture: Security 3 assigned (1 done, 2 open, 1 of them overdue; a waived one
 * counts nowhere), Privacy 2 (both open, 1 overdue), Fire safety 1 done, "=HYPERLINK" 1 open.
 */
beforeAll(async () => {
  handle = await createTestDatabase();
  const { db } = handle;
  const acme = await createCompany(db, "Acme");
  admin = await createPerson(db, acme.id, { roles: ["admin"], name: "Dana Admin" });
  hr = await createPerson(db, acme.id, { roles: ["hr"] });
  lena = await createPerson(db, acme.id, { name: "Lena" });
  const [ava, bo, cy] = await Promise.all(["Ava", "Bo", "Cy"].map((name) => createPerson(db, acme.id, { name })));
  const [security, privacy, fire, formula] = await Promise.all(
    ["Security", "Privacy", "Fire safety", '=HYPERLINK("x")'].map((title) => createCourse(db, acme.id, title)),
  );
  const wave = await createGroup(db, admin, { name: "Wave A", courseId: security!.id, members: [lena, ava!, bo!] });
  const onboarding = await createGroup(db, admin, { name: "Onboarding", members: [cy!] });
  const ruleOnly = await createGroup(db, admin, { name: "Rule only" });
  const empty = await createGroup(db, admin, { name: "Empty" });
  Object.assign(ids, {
    security: security!.id,
    privacy: privacy!.id,
    wave: wave.id,
    onboarding: onboarding.id,
    ruleOnly: ruleOnly.id,
    empty: empty.id,
  });
  await insertRule(db, ruleOnly, fire!.id);

  await insertAssignment(db, lena, security!.id, { dueAt: days(-1), groupId: wave.id });
  await insertAssignment(db, ava!, security!.id, { dueAt: days(-1), groupId: wave.id, status: "done" });
  await insertAssignment(db, bo!, security!.id, { dueAt: days(4), groupId: wave.id });
  await insertAssignment(db, cy!, security!.id, { dueAt: days(-9), groupId: wave.id, status: "waived" });
  await insertAssignment(db, lena, privacy!.id, { dueAt: days(3) });
  await insertAssignment(db, cy!, privacy!.id, { dueAt: NOW, groupId: onboarding.id });
  await insertAssignment(db, lena, fire!.id, { dueAt: days(1), status: "done" });
  await insertAssignment(db, bo!, formula!.id, { dueAt: days(6) });

  const globex = await createCompany(db, "Globex");
  foreignAdmin = await createPerson(db, globex.id, { roles: ["admin"] });
  const foreigner = await createPerson(db, globex.id, { name: "Gary" });
  const foreignCourse = await createCourse(db, globex.id, "Security");
  const foreignGroup = await createGroup(db, foreignAdmin, { name: "Wave A", members: [foreigner] });
  await insertAssignment(db, foreigner, foreignCourse.id, { dueAt: days(-1), groupId: foreignGroup.id });
  ids.foreignCourse = foreignCourse.id;
});
afterAll(() => handle.close());

describe("the overview", () => {
  it("gives each course its figures; waived assignments and other companies count nowhere", async () => {
    expect(await overview("course")).toEqual([
      ['=HYPERLINK("x")', 1, 0, 1, 0],
      ["Fire safety", 1, 1, 0, 0],
      ["Privacy", 2, 0, 2, 1],
      ["Security", 3, 1, 2, 1],
    ]);
  });

  it("gives each group the figures of the assignments that came through it", async () => {
    expect(await overview("group")).toEqual([
      ["Onboarding", 1, 0, 1, 1],
      ["Wave A", 3, 1, 2, 1],
    ]);
  });

  it("filters by course, group, overdue and name, and sorts both ways", async () => {
    expect(await overview("course", { status: "overdue" })).toEqual([
      ["Privacy", 2, 0, 2, 1],
      ["Security", 3, 1, 2, 1],
    ]);
    expect(await overview("course", { search: "PRIV" })).toEqual([["Privacy", 2, 0, 2, 1]]);
    expect(await overview("course", { groupId: ids.wave })).toEqual([["Security", 3, 1, 2, 1]]);
    expect(await overview("group", { courseId: ids.privacy })).toEqual([["Onboarding", 1, 0, 1, 1]]);
    expect(await overview("group", { search: "%" })).toEqual([]);
    const names = async (filters: OverviewFilters) => (await overview("course", filters)).map(([name]) => name);
    expect(await names({ sort: "assigned", direction: "desc" })).toEqual(["Security", "Privacy", '=HYPERLINK("x")', "Fire safety"]);
    expect(await names({ sort: "name", direction: "desc" })).toEqual(["Security", "Privacy", "Fire safety", '=HYPERLINK("x")']);
    const page = await listAssignmentOverview(handle.db, admin, "course", { now: NOW, status: "overdue" });
    expect(page).toMatchObject({ total: 2, page: 1 });
  });

  it("lists the people behind a row, overdue first; another company's course is not found", async () => {
    const people = await listAssignmentPeople(handle.db, admin, { view: "course", id: ids.security! }, { now: NOW });
    expect(people.name).toBe("Security");
    expect(people.rows.map((row) => [row.name, row.status, row.groupName])).toEqual([
      ["Lena", "overdue", "Wave A"],
      ["Bo", "open", "Wave A"],
      ["Ava", "done", "Wave A"],
    ]);
    const overdue = await listAssignmentPeople(handle.db, admin, { view: "group", id: ids.onboarding! }, { now: NOW, status: "overdue" });
    expect(overdue.rows.map((row) => [row.name, row.courseTitle, row.status])).toEqual([["Cy", "Privacy", "overdue"]]);
    expect(await refusalOr(() => listAssignmentPeople(handle.db, admin, { view: "course", id: ids.foreignCourse! }))).toBe("not_found");
  });

  it("is for admins only: HR staff and learners are refused, another company sees only its own", async () => {
    for (const who of [hr, lena]) {
      expect(await refusalOr(() => listAssignmentOverview(handle.db, who, "course"))).toBe("forbidden");
      expect(await refusalOr(() => listAssignmentPeople(handle.db, who, { view: "course", id: ids.security! }))).toBe("forbidden");
      expect(await refusalOr(async () => assignmentOverviewCsv(handle.db, who, "course", {}, { header: [] }, "a.csv"))).toBe("forbidden");
    }
    expect(await overview("course", {}, foreignAdmin)).toEqual([["Security", 1, 0, 1, 1]]);
    expect(await overview("course", { courseId: ids.security }, foreignAdmin)).toEqual([]);
  });

  it("downloads batch after batch from where the last stopped, in exactly the pages' order", async () => {
    for (const view of ["course", "group"] as const) {
      for (const sort of ["name", "assigned", "done", "open", "overdue"] as const) {
        for (const direction of ["asc", "desc"] as const) {
          const filters: OverviewFilters = { sort, direction };
          const { rows: paged } = await listAssignmentOverview(handle.db, admin, view, { ...filters, now: NOW });
          const downloaded = [];
          for await (const batch of overviewBatches(handle.db, admin, view, filters, NOW, 1)) downloaded.push(...batch);
          expect(downloaded, `${view} by ${sort} ${direction}`).toEqual(paged);
        }
      }
    }
  });

  it("downloads as CSV with formulas neutralized", async () => {
    const header = ["Course", "Assigned", "Done", "Open", "Overdue"];
    const text = await assignmentOverviewCsv(handle.db, admin, "course", {}, { header }, "overview.csv", NOW).text();
    expect(text.replace(/^\uFEFF/, "").split("\r\n")).toEqual([
      header.join(","),
      `"'=HYPERLINK(""x"")",1,0,1,0`,
      "Fire safety,1,1,0,0",
      "Privacy,2,0,2,1",
      "Security,3,1,2,1",
      "",
    ]);
  });
});

describe("a group's assignment figures", () => {
  it("counts the group's assignments and rules for its Statistics tab", async () => {
    expect(await groupAssignmentFigures(handle.db, admin, await requireGroupAccess(handle.db, admin, ids.wave!), NOW)).toEqual({
      assigned: 3,
      done: 1,
      open: 2,
      overdue: 1,
      rules: 0,
    });
    expect(await groupAssignmentFigures(handle.db, admin, await requireGroupAccess(handle.db, admin, ids.ruleOnly!), NOW)).toEqual({
      assigned: 0,
      done: 0,
      open: 0,
      overdue: 0,
      rules: 1,
    });
    expect(await refusalOr(async () => groupAssignmentFigures(handle.db, lena, await requireGroupAccess(handle.db, lena, ids.wave!)))).toBe(
      "not_found",
    );
    expect(
      await refusalOr(async () =>
        groupAssignmentFigures(handle.db, foreignAdmin, await requireGroupAccess(handle.db, foreignAdmin, ids.wave!)),
      ),
    ).toBe("not_found");
  });

  it("offers a Statistics tab to a group without a course that has assignments or a rule", async () => {
    const kind = async (groupId: string, who: TestPerson = admin) =>
      getStatisticsTabKind(handle.db, who, await requireGroupAccess(handle.db, who, groupId));
    expect(await kind(ids.wave!)).toBe("course");
    expect(await kind(ids.onboarding!)).toBe("assignments");
    expect(await kind(ids.ruleOnly!)).toBe("assignments");
    expect(await kind(ids.empty!)).toBeNull();
    expect(await kind(ids.onboarding!, lena)).toBeNull();
    expect(await getGroupAccess(handle.db, foreignAdmin, ids.onboarding!)).toBeNull();
  });

  it("shows each group's overdue assignments in reports, for admins and HR staff", async () => {
    for (const who of [admin, hr]) {
      const rows = (await listReports(handle.db, who, { status: "all", now: NOW })).rows;
      expect(rows.map((row) => [row.name, row.overdue])).toEqual([
        ["Empty", 0],
        ["Onboarding", 1],
        ["Rule only", 0],
        ["Wave A", 1],
      ]);
    }
  });
});
