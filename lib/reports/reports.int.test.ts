import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { archiveGroup } from "@/lib/groups/operations/archive-group";
import { completeLesson } from "@/lib/learning/operations/complete-lesson";
import { removeMembers } from "@/lib/membership/operations/remove-members";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createCourse, createGroup, createLessons, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { refusalOr } from "@/tests/refusal";
import { type ReportFilters, REPORTS_PAGE_SIZE, type ReportRow, listReports, reportBatches, reportCsv } from "./queries";

let handle: TestDatabase;
let admin: TestPerson;
let hr: TestPerson;
let learner: TestPerson;
let courseId: string;
let otherCourseId: string;

const ALL: ReportFilters = { status: "all" };
const figures = ({ name, members, average, done, halfway, notStarted }: ReportRow) => ({
  name,
  members,
  average,
  done,
  halfway,
  notStarted,
});
const names = (rows: ReportRow[]) => rows.map((row) => row.name);

beforeAll(async () => {
  handle = await createTestDatabase();
  const { db } = handle;
  const acme = await createCompany(db, "Acme");
  admin = await createPerson(db, acme.id, { roles: ["admin"], name: "Dana Admin" });
  hr = await createPerson(db, acme.id, { roles: ["hr"], name: "Hana HR" });
  learner = await createPerson(db, acme.id, { name: "Lena Learner" });
  const [ava, bo, cy, dee] = await Promise.all(
    ["Ava Done", "Bo Halfway", "Cy Idle", "Dee Leaver"].map((name) => createPerson(db, acme.id, { name })),
  );
  const course = await createCourse(db, acme.id, "Security");
  courseId = course.id;
  otherCourseId = (await createCourse(db, acme.id, "Unused")).id;
  const lessons = await createLessons(db, course, [null, null, null, null]);
  const complete = async (person: TestPerson, count: number) => {
    for (const lesson of lessons.slice(0, count)) await completeLesson(db, person, { lessonId: lesson.id, operationId: opId() });
  };
  await complete(ava!, 4);
  await complete(bo!, 1);
  await complete(dee!, 2);
  // An admin reads every group without being a member: their own progress counts nowhere.
  await complete(admin, 3);

  const wave = await createGroup(db, admin, { name: "Wave A", courseId, members: [ava!, bo!, cy!, dee!] });
  await removeMembers(db, admin, { groupId: wave.id, userIds: [dee!.id], operationId: opId() });
  const archived = await createGroup(db, admin, { name: "Archived wave", courseId, members: [ava!, cy!] });
  await archiveGroup(db, admin, { groupId: archived.id, operationId: opId() });
  await createGroup(db, admin, { name: "Chat only", visibility: "public", members: [bo!] });
  await createGroup(db, admin, { name: "=SUM(1)" });

  const globex = await createCompany(db, "Globex");
  const foreignAdmin = await createPerson(db, globex.id, { roles: ["admin"], name: "Gina Admin" });
  const foreignCourse = await createCourse(db, globex.id, "Security");
  const foreigner = await createPerson(db, globex.id, { name: "Gary Learner" });
  await createGroup(db, foreignAdmin, { name: "Wave A at Globex", courseId: foreignCourse.id, members: [foreigner] });
});
afterAll(() => handle.close());

describe("reports across groups", () => {
  it("gives each group its current members' figures in the linked course, archived groups included", async () => {
    const report = await listReports(handle.db, admin, { ...ALL, sort: "members", direction: "desc" });
    expect(report).toMatchObject({ total: 4, page: 1, pageSize: REPORTS_PAGE_SIZE, canOpenStatistics: true });
    expect(report.rows.map(figures)).toEqual([
      // Dee left (their two lessons stay theirs, not the group's); the admin is no member.
      { name: "Wave A", members: 3, average: 41.7, done: 1, halfway: 1, notStarted: 1 },
      // Archived: its last membership stays for reports.
      { name: "Archived wave", members: 2, average: 50, done: 1, halfway: 0, notStarted: 1 },
      { name: "Chat only", members: 1, average: null, done: null, halfway: null, notStarted: null },
      { name: "=SUM(1)", members: 0, average: null, done: null, halfway: null, notStarted: null },
    ]);
    expect(report.rows[0]).toMatchObject({ courseTitle: "Security", archived: false, visibility: "private", ownerName: "Dana Admin" });
    expect(report.rows[1]).toMatchObject({ archived: true });
    expect(report.rows[2]).toMatchObject({ courseTitle: null, visibility: "public" });
  });

  it("filters by course, status, visibility and name", async () => {
    const list = async (filters: Partial<ReportFilters>) => names((await listReports(handle.db, admin, { ...ALL, ...filters })).rows);
    expect(await list({ courseId })).toEqual(["Archived wave", "Wave A"]);
    expect(await list({ courseId: otherCourseId })).toEqual([]);
    expect(await list({ status: "active", courseId })).toEqual(["Wave A"]);
    expect(await list({ status: "archived" })).toEqual(["Archived wave"]);
    expect(await list({ visibility: "public" })).toEqual(["Chat only"]);
    expect(await list({ visibility: "private", search: "WAVE" })).toEqual(["Archived wave", "Wave A"]);
    expect(await list({ search: "%" })).toEqual([]);
    expect((await listReports(handle.db, admin, { ...ALL, status: "active" })).total).toBe(3);
  });

  it("sorts by name, members and average, both ways; groups without figures come last", async () => {
    const sorted = async (sort: ReportFilters["sort"], direction: ReportFilters["direction"], search?: string) =>
      names((await listReports(handle.db, admin, { ...ALL, sort, direction, search })).rows);
    expect(await sorted("name", "asc", "wave")).toEqual(["Archived wave", "Wave A"]);
    expect(await sorted("name", "desc", "wave")).toEqual(["Wave A", "Archived wave"]);
    expect(await sorted("members", "asc")).toEqual(["=SUM(1)", "Chat only", "Archived wave", "Wave A"]);
    const byAverage = await sorted("average", "asc");
    expect(byAverage.slice(0, 2)).toEqual(["Wave A", "Archived wave"]);
    expect(new Set(byAverage.slice(2))).toEqual(new Set(["Chat only", "=SUM(1)"]));
    expect((await sorted("average", "desc")).slice(0, 2)).toEqual(["Archived wave", "Wave A"]);
  });

  it("pages, counting every match, and a late page costs only its own rows", async () => {
    for (let i = 0; i < REPORTS_PAGE_SIZE + 2; i++) {
      await createGroup(handle.db, admin, { name: `Paged ${String(i).padStart(2, "0")}` });
    }
    const first = await listReports(handle.db, admin, { ...ALL, search: "paged" });
    const second = await listReports(handle.db, admin, { ...ALL, search: "paged", page: 2 });
    expect(first.total).toBe(REPORTS_PAGE_SIZE + 2);
    expect(first.rows).toHaveLength(REPORTS_PAGE_SIZE);
    expect(names(second.rows)).toEqual(["Paged 25", "Paged 26"]);
    expect((await listReports(handle.db, admin, { ...ALL, search: "paged", page: 9 })).rows).toEqual([]);
  });

  it("never shows another company's groups", async () => {
    const rows = (await listReports(handle.db, admin, { ...ALL, search: "globex" })).rows;
    expect(rows).toEqual([]);
    const foreign = await createPerson(handle.db, (await createCompany(handle.db, "Initech")).id, { roles: ["admin"] });
    expect(await listReports(handle.db, foreign, ALL)).toMatchObject({ rows: [], total: 0 });
    // Their course id, given as a filter, finds nothing of ours either.
    expect((await listReports(handle.db, foreign, { ...ALL, courseId })).rows).toEqual([]);
  });

  it("lets HR staff read the report, without opening a group's statistics; learners are refused", async () => {
    const read = await listReports(handle.db, hr, { ...ALL, status: "archived" });
    expect(read).toMatchObject({ canOpenStatistics: false });
    expect(names(read.rows)).toEqual(["Archived wave"]);
    expect(await refusalOr(() => listReports(handle.db, learner, ALL))).toBe("forbidden");
    expect(await refusalOr(() => reportBatches(handle.db, learner, ALL).next())).toBe("forbidden");
    expect(await refusalOr(async () => reportCsv(handle.db, learner, ALL, labels, "r.csv"))).toBe("forbidden");
  });
});

const labels = {
  header: ["Group", "Course", "Status", "Visibility", "Owner", "Members", "Average", "Done", "Halfway", "Not started", "Overdue"],
  status: (archived: boolean) => (archived ? "Archived" : "Active"),
  visibility: (visibility: string) => visibility,
};

describe("the report as CSV", () => {
  it("streams every filtered row in batches, with formulas neutralized", async () => {
    const batches = [];
    for await (const batch of reportBatches(handle.db, admin, { ...ALL, search: "paged" }, 10)) batches.push(batch.length);
    expect(batches).toEqual([10, 10, 7]);

    // Batch after batch from where the last stopped (a keyset), in exactly the pages' order, for
    // every sort and direction: ties, equal names and groups without an average included.
    for (const sort of ["name", "members", "average"] as const) {
      for (const direction of ["asc", "desc"] as const) {
        const filters: ReportFilters = { status: "all", sort, direction };
        const paged = [];
        for (let page = 1; ; page++) {
          const { rows } = await listReports(handle.db, admin, { ...filters, page });
          if (rows.length === 0) break;
          paged.push(...rows);
        }
        const downloaded = [];
        for await (const batch of reportBatches(handle.db, admin, filters, 3)) downloaded.push(...batch);
        expect(downloaded, `${sort} ${direction}`).toEqual(paged);
      }
    }

    const response = reportCsv(handle.db, admin, { status: "all", sort: "members", direction: "desc" }, labels, "report.csv");
    const lines = (await response.text()).replace(/^\uFEFF/, "").split("\r\n");
    expect(lines.slice(0, 4)).toEqual([
      labels.header.join(","),
      "Wave A,Security,Active,private,Dana Admin,3,41.7,1,1,1,0",
      "Archived wave,Security,Archived,private,Dana Admin,2,50,1,0,1,0",
      "Chat only,,Active,public,Dana Admin,1,,,,,0",
    ]);
    // Every group of every page: the four above and the paged ones, then the closing line break.
    expect(lines).toHaveLength(1 + 4 + REPORTS_PAGE_SIZE + 2 + 1);
    const sum = await reportCsv(handle.db, hr, { status: "all", search: "sum(" }, labels, "report.csv").text();
    expect(sum.split("\r\n")[1]).toBe("'=SUM(1),,Active,private,Dana Admin,0,,,,,0");
  });
});
