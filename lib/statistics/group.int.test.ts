import { sql } from "drizzle-orm";
import type Pusher from "pusher-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { groupMembers } from "@/db/schema";
import { completeLesson } from "@/lib/learning/operations/complete-lesson";
import { removeMembers } from "@/lib/membership/operations/remove-members";
import { groupAdminChannel, groupAdminChannelAt, realtimeEvents } from "@/lib/realtime/channels";
import { deliver } from "@/lib/realtime/server";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import {
  createCompany,
  createCourse,
  createDepartment,
  createGroup,
  createLessons,
  createPerson,
  opId,
  type TestPerson,
} from "@/tests/fixtures";
import { subscribeAs } from "@/tests/realtime-client";
import { csvLine } from "./csv";
import {
  exportStatisticsMembers,
  getGroupStatistics,
  getStatisticsTab,
  listStatisticsMembers,
  STATISTICS_MEMBERS_PAGE_SIZE,
} from "./group";
import { requireGroupAccess } from "@/lib/group-access/access";

describe("the group's statistics", () => {
  let handle: TestDatabase;
  let admin: TestPerson;
  let hr: TestPerson;
  let owner: TestPerson;
  let outsider: TestPerson;
  let course: Awaited<ReturnType<typeof createCourse>>;
  let lessons: { id: string }[];
  const clients: Pusher[] = [];
  const at = new Date("2026-05-04T08:00:00Z");

  /** Completes the first `count` lessons; the first has a one-question quiz, answered `firstAnswer` (1 is right). */
  const complete = (person: TestPerson, count: number, firstAnswer = 1) =>
    lessons
      .slice(0, count)
      .reduce<Promise<unknown>>(
        (previous, lesson, index) =>
          previous.then(() =>
            completeLesson(
              handle.db,
              person,
              { lessonId: lesson.id, operationId: opId(), answers: index === 0 ? [firstAnswer] : undefined },
              { now: at },
            ),
          ),
        Promise.resolve(),
      );

  beforeAll(async () => {
    handle = await createTestDatabase();
    const acme = await createCompany(handle.db, "Acme");
    admin = await createPerson(handle.db, acme.id, { roles: ["admin"], name: "Ada Admin" });
    hr = await createPerson(handle.db, acme.id, { roles: ["hr"] });
    owner = await createPerson(handle.db, acme.id, { name: "Olga Owner" });
    const other = await createCompany(handle.db, "Other");
    outsider = await createPerson(handle.db, other.id, { roles: ["admin"] });
    course = await createCourse(handle.db, acme.id, "Security Awareness");
    lessons = await createLessons(handle.db, course, [[{ prompt: "?", options: ["a", "b"], answer: 1 }], null, null, null]);
  });
  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await handle.close();
  });

  async function people(names: string[]) {
    const sales = await createDepartment(handle.db, admin.companyId, `Sales ${opId().slice(0, 4)}`);
    return Promise.all(names.map((name) => createPerson(handle.db, admin.companyId, { name, departmentId: sales.id })));
  }

  it("sorts members into the buckets for 0, 1, all but one and all lessons, and averages their percent", async () => {
    const [none, one, allButOne, all] = await people(["Nora None", "Olli One", "Alma AllButOne", "Alex All"]);
    const group = await createGroup(handle.db, owner, { courseId: course.id, members: [none!, one!, allButOne!, all!, owner] });
    await complete(one!, 1, 0);
    await complete(allButOne!, 3);
    await complete(all!, 4);
    // The admin has progress too, but is no member: it does not count.
    await complete(admin, 4);

    const stats = await getGroupStatistics(handle.db, admin, await requireGroupAccess(handle.db, admin, group.id));
    expect(stats.members).toBe(5);
    expect(stats.averagePercent).toBe(40); // (0 + 25 + 75 + 100 + 0) / 5
    expect(stats.buckets).toEqual({
      done: { count: 1, percent: 20 },
      halfway: { count: 2, percent: 40 },
      notStarted: { count: 2, percent: 40 },
    });
    expect(stats.histogram).toEqual([2, 0, 1, 0, 0, 0, 0, 1, 0, 0, 1]);

    // Sorting, with ties by name in the sort's direction and members without a score last.
    const byProgress = await listStatisticsMembers(handle.db, admin, await requireGroupAccess(handle.db, admin, group.id), {
      sort: "progress",
      direction: "desc",
    });
    expect(byProgress.rows.map((r) => r.name)).toEqual(["Alex All", "Alma AllButOne", "Olli One", "Olga Owner", "Nora None"]);
    expect(byProgress.rows.map((r) => r.bucket)).toEqual(["done", "halfway", "halfway", "notStarted", "notStarted"]);
    const byScore = await listStatisticsMembers(handle.db, admin, await requireGroupAccess(handle.db, admin, group.id), {
      sort: "score",
      direction: "asc",
    });
    expect(byScore.rows.map((r) => [r.name, r.score])).toEqual([
      ["Olli One", 0],
      ["Alex All", 100],
      ["Alma AllButOne", 100],
      ["Nora None", null],
      ["Olga Owner", null],
    ]);
    const byName = await listStatisticsMembers(handle.db, admin, await requireGroupAccess(handle.db, admin, group.id), {
      sort: "name",
      direction: "desc",
    });
    expect(byName.rows.map((r) => r.name)).toEqual(["Olli One", "Olga Owner", "Nora None", "Alma AllButOne", "Alex All"]);
    const byActivity = await listStatisticsMembers(handle.db, admin, await requireGroupAccess(handle.db, admin, group.id), {
      sort: "activity",
      direction: "asc",
    });
    expect(byActivity.rows.at(-1)?.lastActivityAt).toBeNull();
    expect(byActivity.rows[0]?.lastActivityAt).toEqual(at);
    const searched = await listStatisticsMembers(handle.db, admin, await requireGroupAccess(handle.db, admin, group.id), { search: "al" });
    expect(searched.rows.map((r) => r.name)).toEqual(["Alex All", "Alma AllButOne"]);
    expect(searched.total).toBe(2);
    // The page's one call: the same figures and rows, the total taken from the figures without a search.
    const tab = await getStatisticsTab(handle.db, admin, await requireGroupAccess(handle.db, admin, group.id), {
      sort: "progress",
      direction: "desc",
    });
    expect(tab).toEqual({ statistics: stats, members: byProgress });
    const tabSearched = await getStatisticsTab(handle.db, admin, await requireGroupAccess(handle.db, admin, group.id), { search: "al" });
    expect(tabSearched.members).toEqual(searched);
    expect(tabSearched.statistics.members).toBe(5);
    const done = byProgress.rows[0]!;
    expect(done).toMatchObject({ email: all!.email, lessonsDone: 4, percent: 100, departmentName: expect.stringMatching(/^Sales/) });
    expect(done.completedAt).toEqual(at);
  });

  it("puts one lesson of eight (12 %) in the middle bucket, “in progress”: started, not finished, whatever the share", async () => {
    const long = await createCourse(handle.db, admin.companyId, "Eight lessons");
    const [first] = await createLessons(
      handle.db,
      long,
      Array.from({ length: 8 }, () => null),
    );
    const [starter, idle] = await people(["Sam Starter", "Ida Idle"]);
    const group = await createGroup(handle.db, owner, { courseId: long.id, members: [starter!, idle!] });
    await completeLesson(handle.db, starter!, { lessonId: first!.id, operationId: opId() }, { now: at });

    const access = await requireGroupAccess(handle.db, admin, group.id);
    const stats = await getGroupStatistics(handle.db, admin, access);
    expect(stats.buckets).toEqual({
      done: { count: 0, percent: 0 },
      halfway: { count: 1, percent: 50 },
      notStarted: { count: 1, percent: 50 },
    });
    // The maintained figures (triggers) and the per-member rule (bucketOf) agree.
    const table = await listStatisticsMembers(handle.db, admin, access, { sort: "name" });
    expect(table.rows.map((row) => [row.name, row.percent, row.bucket])).toEqual([
      ["Ida Idle", 0, "notStarted"],
      ["Sam Starter", 12, "halfway"],
    ]);
  });

  it("counts members who joined late with their progress, and leaves out those who left while their progress stays theirs", async () => {
    const [early, leaver, late] = await people(["Eve Early", "Leo Leaver", "Lara Late"]);
    const group = await createGroup(handle.db, admin, { courseId: course.id, members: [early!, leaver!] });
    await complete(early!, 2);
    await complete(leaver!, 4);
    await complete(late!, 3);
    expect((await getGroupStatistics(handle.db, admin, await requireGroupAccess(handle.db, admin, group.id))).averagePercent).toBe(75);

    await removeMembers(handle.db, admin, { groupId: group.id, userIds: [leaver!.id], operationId: opId() });
    await handle.db.insert(groupMembers).values({ groupId: group.id, userId: late!.id, companyId: admin.companyId, source: "individual" });
    const stats = await getGroupStatistics(handle.db, admin, await requireGroupAccess(handle.db, admin, group.id));
    expect(stats.members).toBe(2);
    expect(stats.averagePercent).toBe(62.5);
    expect(stats.buckets.done.count).toBe(0);
    const [kept] = await queryRows<{ percent: number }>(
      handle.db,
      sql`select percent from course_progress where user_id = ${leaver!.id} and course_id = ${course.id}`,
    );
    expect(kept?.percent).toBe(100);
  });

  it("shows an empty group as zeros", async () => {
    const group = await createGroup(handle.db, owner, { courseId: course.id });
    const stats = await getGroupStatistics(handle.db, admin, await requireGroupAccess(handle.db, admin, group.id));
    expect(stats).toMatchObject({ members: 0, averagePercent: 0, buckets: { done: { count: 0, percent: 0 } } });
    expect(stats.histogram).toEqual(Array(11).fill(0));
  });

  it("is for the company's admins (the owner among them) only, and only with a linked course", async () => {
    const [learner] = await people(["Lisa Learner"]);
    const group = await createGroup(handle.db, owner, { courseId: course.id, members: [learner!, owner] });
    const adminOwned = await createGroup(handle.db, admin, { courseId: course.id, members: [learner!] });
    const noCourse = await createGroup(handle.db, owner, { members: [learner!] });
    await expect(getGroupStatistics(handle.db, admin, await requireGroupAccess(handle.db, admin, group.id))).resolves.toMatchObject({
      members: 2,
    });
    await expect(getGroupStatistics(handle.db, admin, await requireGroupAccess(handle.db, admin, adminOwned.id))).resolves.toMatchObject({
      members: 1,
    });
    // `owner` owns the group without the admin role (a demoted owner): owner rights need it.
    for (const viewer of [owner, learner!, hr, outsider]) {
      await expect(
        requireGroupAccess(handle.db, viewer, group.id).then((access) => getGroupStatistics(handle.db, viewer, access)),
      ).rejects.toMatchObject({
        code: "not_found",
      });
      await expect(
        requireGroupAccess(handle.db, viewer, group.id).then((access) => listStatisticsMembers(handle.db, viewer, access)),
      ).rejects.toMatchObject({
        code: "not_found",
      });
      await expect(
        requireGroupAccess(handle.db, viewer, group.id).then((access) => exportStatisticsMembers(handle.db, viewer, access)),
      ).rejects.toMatchObject({ code: "not_found" });
    }
    await expect(
      requireGroupAccess(handle.db, owner, noCourse.id).then((access) => getGroupStatistics(handle.db, owner, access)),
    ).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(
      requireGroupAccess(handle.db, admin, noCourse.id).then((access) => getGroupStatistics(handle.db, admin, access)),
    ).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("pages the member table, and exports every member in batches with formula-like names neutralized", async () => {
    const names = Array.from({ length: STATISTICS_MEMBERS_PAGE_SIZE + 3 }, (_, i) => `Member ${String(i).padStart(3, "0")}`);
    const members = await people([...names, '=HYPERLINK("http://evil")']);
    const group = await createGroup(handle.db, admin, { courseId: course.id, members });
    await complete(members[1]!, 1);
    const second = await listStatisticsMembers(handle.db, admin, await requireGroupAccess(handle.db, admin, group.id), { page: 2 });
    expect(second.total).toBe(names.length + 1);
    expect(second.rows.map((r) => r.name)).toEqual(["Member 049", "Member 050", "Member 051", "Member 052"]);

    const { batches } = await exportStatisticsMembers(handle.db, admin, await requireGroupAccess(handle.db, admin, group.id), 20);
    const sizes: number[] = [];
    const lines: string[] = [];
    for await (const batch of batches) {
      sizes.push(batch.length);
      lines.push(...batch.map((row) => csvLine([row.name, row.email, row.percent, row.bucket])));
    }
    expect(sizes).toEqual([20, 20, 14]);
    expect(lines[0]).toBe(`"'=HYPERLINK(""http://evil"")",${members.at(-1)!.email},0,notStarted\r\n`);
    expect(lines[2]).toBe(`Member 001,${members[1]!.email},25,halfway\r\n`);
    expect(new Set(lines).size).toBe(names.length + 1);
  });

  it("tells the admin channel of each of the learner's groups on the course once per completed lesson", async () => {
    const [learner, other] = await people(["Lena Learner", "Otto Other"]);
    const first = await createGroup(handle.db, owner, { courseId: course.id, members: [learner!, other!] });
    const second = await createGroup(handle.db, admin, { courseId: course.id, members: [learner!] });
    const notMember = await createGroup(handle.db, admin, { courseId: course.id, members: [other!] });
    const received = new Map<string, number>();
    for (const group of [first, second, notMember]) {
      const { client, channel } = await subscribeAs(handle.db, admin, groupAdminChannelAt(group.id, 0));
      clients.push(client);
      received.set(group.id, 0);
      channel.bind(realtimeEvents.statisticsChanged, () => received.set(group.id, received.get(group.id)! + 1));
    }
    // First lesson, with a badge and a perfect quiz: three activities, one statistics event.
    const outcome = await completeLesson(handle.db, learner!, { lessonId: lessons[0]!.id, operationId: opId(), answers: [1] }, { now: at });
    const statistics = outcome.events?.filter((e) => e.event === realtimeEvents.statisticsChanged);
    expect(statistics?.map((e) => [...e.channels].sort())).toEqual([[groupAdminChannel(first.id), groupAdminChannel(second.id)].sort()]);
    await deliver(outcome, handle.db);
    const deadline = Date.now() + 10_000;
    while ((received.get(first.id)! < 1 || received.get(second.id)! < 1) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(Object.fromEntries(received)).toEqual({ [first.id]: 1, [second.id]: 1, [notMember.id]: 0 });
  });
});
