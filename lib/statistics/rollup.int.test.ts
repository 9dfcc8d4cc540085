import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Database, type DatabaseHandle, openPostgres, queryRows } from "@/db/client";
import { groupFigures, groupMembers, groupProgressDaily, learningGroups, type Lesson, membershipEvents } from "@/db/schema";
import { handleRollupCron } from "@/lib/cron/rollup";
import { completeLesson } from "@/lib/learning/operations/complete-lesson";
import { setCronSecret, TEST_CRON_SECRET } from "@/tests/cron";
import { env } from "@/base/env";
import { withBarrier } from "@/tests/barrier";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createCourse, createGroup, createLessons, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import type { Ctx } from "@/lib/auth/viewer";
import { getGroupStatistics } from "./group";
import { getProgressOverTime } from "./over-time";
import { rollupDay } from "./rollup";
import { requireGroupAccess } from "@/lib/group-access/access";

const DAYS = ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06", "2026-03-07", "2026-03-08"];
const CREATED = new Date("2026-03-01T08:00:00Z");

let handle: TestDatabase;
let db: Database;
let companyId: string;
let admin: TestPerson;
let lessons: Lesson[];
let courseId: string;
/** People whose completions the scenario's groups share; completions belong to a person, not a group. */
let people: Record<"a" | "b" | "c" | "d" | "e", TestPerson>;

const at = (iso: string) => new Date(iso);
const complete = (person: TestPerson, lesson: Lesson, when: string) =>
  completeLesson(db, person, { lessonId: lesson.id, operationId: opId() }, { now: at(when) });

async function ledger(groupId: string, events: [TestPerson, "added" | "removed", string][]) {
  await db
    .insert(membershipEvents)
    .values(
      events.map(([person, kind, when]) => ({ companyId, groupId, userId: person.id, kind, source: "individual" as const, at: at(when) })),
    );
}

/**
 * A group through a week of Berlin (UTC+1 in March) days: joins, a removal and re-add, a join late in
 * the evening (UTC) that is the next day in Berlin, completions, and a learner who was never a member.
 */
async function scenarioGroup(options: { archivedAt?: Date } = {}) {
  const group = await createGroup(db, admin, { courseId });
  await db
    .update(learningGroups)
    .set({ createdAt: CREATED, archivedAt: options.archivedAt ?? null })
    .where(eq(learningGroups.id, group.id));
  const { a, b, c, e } = people;
  await ledger(group.id, [
    [a, "added", "2026-03-01T10:00:00Z"],
    [b, "added", "2026-03-02T22:30:00Z"],
    [c, "added", "2026-03-03T09:00:00Z"],
    [e, "added", "2026-03-04T23:30:00Z"],
    [b, "removed", "2026-03-05T12:00:00Z"],
    [c, "removed", "2026-03-06T12:00:00Z"],
    [b, "added", "2026-03-07T08:00:00Z"],
  ]);
  // Who the ledger leaves in the group, as the membership service keeps it beside the ledger.
  await db
    .insert(groupMembers)
    .values([a, b, e].map((person) => ({ groupId: group.id, userId: person.id, companyId, source: "individual" as const })));
  return group;
}

/** Deliberately naive: counts every ledger event and every completion before each Berlin midnight. */
async function recompute(groupId: string, days: string[]) {
  return queryRows<{ day: string; members: number; averagePercent: number; done: number; halfway: number; notStarted: number }>(
    db,
    sql`with days as (
          select d::date as day, (d::date + 1)::timestamp at time zone 'Europe/Berlin' as day_end
          from unnest(${`{${days.join(",")}}`}::date[]) d
        ),
        total as (select count(*)::int as n from lessons where course_id = ${courseId}),
        member_days as (
          select days.day, u.id,
                 (select count(*)::int from lesson_completions lc
                  where lc.user_id = u.id and lc.course_id = ${courseId} and lc.completed_at < days.day_end) as n
          from days cross join users u
          where u.company_id = ${companyId}
            and (select count(*) filter (where e.kind = 'added') - count(*) filter (where e.kind = 'removed')
                 from membership_events e where e.user_id = u.id and e.group_id = ${groupId} and e.at < days.day_end) > 0
        )
        select to_char(days.day, 'YYYY-MM-DD') as day, count(m.id)::int as members,
               coalesce(avg(100 * m.n / total.n), 0)::float8 as "averagePercent",
               (count(m.id) filter (where m.n = total.n))::int as done,
               (count(m.id) filter (where m.n > 0 and m.n < total.n))::int as halfway,
               (count(m.id) filter (where m.n = 0))::int as "notStarted"
        from days cross join total left join member_days m on m.day = days.day
        group by days.day, total.n order by days.day`,
  );
}

async function stored(groupId: string) {
  const rows = await db
    .select()
    .from(groupProgressDaily)
    .where(eq(groupProgressDaily.groupId, groupId))
    .orderBy(asc(groupProgressDaily.day));
  return rows.map(({ day, members, averagePercent, done, halfway, notStarted }) => ({
    day,
    members,
    averagePercent,
    done,
    halfway,
    notStarted,
  }));
}

const rollupWeek = async (database: Database = db) => {
  for (const day of DAYS) await rollupDay(database, { day });
};

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  const company = await createCompany(db, "Acme");
  companyId = company.id;
  admin = await createPerson(db, companyId, { roles: ["admin"] });
  const course = await createCourse(db, companyId);
  courseId = course.id;
  lessons = await createLessons(db, course, [null, null, null, null]);
  const [a, b, c, d, e] = await Promise.all([1, 2, 3, 4, 5].map(() => createPerson(db, companyId)));
  people = { a: a!, b: b!, c: c!, d: d!, e: e! };
  const [l1, l2, l3, l4] = lessons as [Lesson, Lesson, Lesson, Lesson];
  await complete(a!, l1, "2026-03-02T09:00:00Z");
  await complete(a!, l2, "2026-03-03T09:00:00Z");
  await complete(a!, l3, "2026-03-05T09:00:00Z");
  await complete(a!, l4, "2026-03-06T09:00:00Z");
  // 00:30 on the 3rd in Berlin: the 3rd's progress, not the 2nd's.
  await complete(b!, l1, "2026-03-02T23:30:00Z");
  await complete(b!, l2, "2026-03-08T10:00:00Z");
  for (const lesson of [l1, l2, l3, l4]) await complete(c!, lesson, "2026-03-04T10:00:00Z");
  await complete(d!, l1, "2026-03-03T10:00:00Z");
});
afterAll(async () => {
  await handle.close();
});

describe("rollupDay", () => {
  it("writes each day's members by the ledger and their progress, as a recomputation from scratch finds them", async () => {
    const group = await scenarioGroup();
    await rollupWeek();
    const rows = await stored(group.id);
    expect(rows).toEqual(await recompute(group.id, DAYS));
    // The 5th by hand: a (3 of 4), c (done) and e (nothing); b left at noon.
    expect(rows.find((row) => row.day === "2026-03-05")).toEqual({
      day: "2026-03-05",
      members: 3,
      averagePercent: 175 / 3,
      done: 1,
      halfway: 1,
      notStarted: 1,
    });
    expect(rows.find((row) => row.day === "2026-03-02")).toMatchObject({ members: 2, done: 0, halfway: 1, notStarted: 1 });
  });

  it("is idempotent: a second run leaves the same rows", async () => {
    const group = await scenarioGroup();
    await rollupWeek();
    const first = await stored(group.id);
    await rollupWeek();
    expect(await stored(group.id)).toEqual(first);
  });

  it("stops an archived group's days after its archive date, and a deleted group's rows go with it", async () => {
    const group = await scenarioGroup({ archivedAt: at("2026-03-04T10:00:00Z") });
    await rollupWeek();
    expect((await stored(group.id)).map((row) => row.day)).toEqual(["2026-03-02", "2026-03-03", "2026-03-04"]);
    await db.delete(learningGroups).where(eq(learningGroups.id, group.id));
    expect(await stored(group.id)).toEqual([]);
  });

  it("leaves another company's groups alone when scoped, and never mixes companies", async () => {
    const other = await createCompany(db, "Globex");
    const otherAdmin = await createPerson(db, other.id, { roles: ["admin"] });
    const otherCourse = await createCourse(db, other.id);
    await createLessons(db, otherCourse, [null]);
    const otherGroup = await createGroup(db, otherAdmin, { courseId: otherCourse.id });
    await db.update(learningGroups).set({ createdAt: CREATED }).where(eq(learningGroups.id, otherGroup.id));
    await db.insert(membershipEvents).values({
      companyId: other.id,
      groupId: otherGroup.id,
      userId: otherAdmin.id,
      kind: "added",
      source: "individual",
      at: CREATED,
    });
    const group = await scenarioGroup();

    await rollupDay(db, { day: "2026-03-05" }, { companyId });
    expect(await stored(otherGroup.id)).toEqual([]);
    expect(await stored(group.id)).toHaveLength(1);

    await rollupDay(db, { day: "2026-03-05" });
    expect(await stored(otherGroup.id)).toEqual([{ day: "2026-03-05", members: 1, averagePercent: 0, done: 0, halfway: 0, notStarted: 1 }]);
    expect(await stored(group.id)).toEqual(await recompute(group.id, ["2026-03-05"]));
  });
});

describe.runIf(env().testDatabaseUrl)("overlapping rollups (PostgreSQL)", () => {
  let first: DatabaseHandle;
  let second: DatabaseHandle;
  beforeAll(() => {
    first = openPostgres(handle.url!, { max: 1, connectAs: "owner" });
    second = openPostgres(handle.url!, { max: 1, connectAs: "owner" });
  });
  afterAll(async () => {
    await first.close();
    await second.close();
  });

  it("two runs of the same day at once both succeed and write the figures once", async () => {
    const group = await scenarioGroup();
    // Both inserts queue behind the table lock, then run together into the same (group, day) keys.
    const outcomes = await withBarrier(handle.url!, { text: "lock table group_progress_daily in share mode" }, () =>
      Promise.all([rollupDay(first.db, { day: "2026-03-05" }), rollupDay(second.db, { day: "2026-03-05" })]),
    );
    expect(outcomes.every((outcome) => outcome.written > 0)).toBe(true);
    expect(await stored(group.id)).toEqual(await recompute(group.id, ["2026-03-05"]));
  });
});

describe("the cron route", () => {
  const previous = process.env.CRON_SECRET;
  afterEach(() => setCronSecret(previous));
  const call = (authorization?: string) =>
    handleRollupCron(
      new Request("http://localhost/api/cron/rollup", { method: "POST", headers: authorization ? { authorization } : {} }),
      db,
      at("2026-03-09T12:00:00Z"),
    );

  it("refuses a wrong or missing secret, and everything when none is configured", async () => {
    const group = await scenarioGroup();
    setCronSecret(TEST_CRON_SECRET);
    expect((await call()).status).toBe(401);
    expect((await call(`Bearer ${TEST_CRON_SECRET}x`)).status).toBe(401);
    expect((await call(TEST_CRON_SECRET)).status).toBe(401);
    setCronSecret(undefined);
    expect((await call(`Bearer ${TEST_CRON_SECRET}`)).status).toBe(401);
    expect((await call("Bearer ")).status).toBe(401);
    expect(await stored(group.id)).toEqual([]);
  });

  it("rolls up yesterday and catches up the missed days of the last week", async () => {
    const group = await scenarioGroup();
    await rollupDay(db, { day: "2026-03-08" }, { groupId: group.id });
    await db
      .update(groupProgressDaily)
      .set({ members: 99 })
      .where(and(eq(groupProgressDaily.groupId, group.id), eq(groupProgressDaily.day, "2026-03-08")));
    setCronSecret(TEST_CRON_SECRET);
    const response = await call(`Bearer ${TEST_CRON_SECRET}`);
    expect(response.status).toBe(200);
    // The 1st, its creation day, is eight days back: beyond the catch-up. Yesterday is rewritten.
    expect(await stored(group.id)).toEqual(await recompute(group.id, DAYS));
  });

  it("finds maintained figures that drifted from a recount, sets them right and says how many", async () => {
    const group = await scenarioGroup();
    const figure = () => db.select({ members: groupFigures.members }).from(groupFigures).where(eq(groupFigures.groupId, group.id));
    const [kept] = await figure();
    expect(kept!.members).toBeGreaterThan(0);
    await db
      .update(groupFigures)
      .set({ members: kept!.members + 7 })
      .where(eq(groupFigures.groupId, group.id));
    setCronSecret(TEST_CRON_SECRET);
    // Another hour's run than the tests above (each hour's is replayed from its stored result).
    const request = new Request("http://localhost/api/cron/rollup", { headers: { authorization: `Bearer ${TEST_CRON_SECRET}` } });
    const response = await handleRollupCron(request, db, at("2026-03-09T15:00:00Z"));
    expect(await response.json()).toMatchObject({ drifted: { copies: 0, groups: 1 } });
    expect(await figure()).toEqual([kept]);
  });
});

describe("getProgressOverTime", () => {
  /** As the Statistics tab reads it: today's figures read once, for the tab and the chart. */
  const overTime = async (who: Ctx, groupId: string, now: Date) => {
    const access = await requireGroupAccess(db, who, groupId);
    return getProgressOverTime(db, who, access, getGroupStatistics(db, who, access), now);
  };

  it("returns the stored days and today's point computed live (none once archived), to the owner and admins only", async () => {
    const group = await scenarioGroup();
    await rollupWeek();
    const now = at("2026-03-09T12:00:00Z");
    await complete(people.e, lessons[0]!, "2026-03-09T09:00:00Z");
    const points = await overTime(admin, group.id, now);
    const expected = await recompute(group.id, [...DAYS, "2026-03-09"]);
    const today = expected.pop()!;
    expect(points.slice(0, -1)).toEqual(expected.map((point) => ({ ...point, live: false })));
    // Today as the Statistics tab shows it: the average to one decimal.
    expect(points.at(-1)).toEqual({ ...today, averagePercent: Math.round(today.averagePercent * 10) / 10, live: true });
    expect(points.at(-1)).toMatchObject({ members: 3, done: 1, halfway: 2, notStarted: 0 });

    await db
      .update(learningGroups)
      .set({ archivedAt: at("2026-03-08T12:00:00Z") })
      .where(eq(learningGroups.id, group.id));
    expect((await overTime(admin, group.id, now)).map((point) => point.day)).toEqual(DAYS);

    await expect(overTime(people.a, group.id, now)).rejects.toMatchObject({
      code: "not_found",
    });
    const stranger = await createPerson(db, (await createCompany(db, "Initech")).id, { roles: ["admin"] });
    await expect(overTime(stranger, group.id, now)).rejects.toMatchObject({
      code: "not_found",
    });
    const courseless = await createGroup(db, admin);
    await expect(overTime(admin, courseless.id, now)).rejects.toMatchObject({
      code: "not_found",
    });
  });
});
