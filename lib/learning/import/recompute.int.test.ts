import { and, asc, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activityEvents, auditLog, certificates, courseProgress, lessons } from "@/db/schema";
import { groupChannel, realtimeEvents } from "@/lib/realtime/channels";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { refusalOr } from "@/tests/refusal";
import { createCompany, createGroup, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { completeLesson } from "../operations/complete-lesson";
import { listAdminCourses } from "./queries";
import { importCourse } from "./import-course";

let handle: TestDatabase;
let admin: TestPerson;
let halfway: TestPerson;
let almost: TestPerson;
let finisher: TestPerson;
let courseId: string;
let groupId: string;

const file = (keys: string[]) =>
  JSON.stringify({
    key: "recompute",
    title: "Recompute",
    lessons: keys.map((key) => ({ key, title: `Lesson ${key}`, content: `${key}.` })),
  });
const reimport = async (keys: string[], at: string) => {
  const outcome = await importCourse(handle.db, admin, { file: file(keys), operationId: opId() }, { now: new Date(at) });
  if (outcome.result.status !== "imported") throw new Error("not imported");
  return { summary: outcome.result.summary, events: outcome.events ?? [] };
};
const lessonIds = async () => {
  const rows = await handle.db.select({ id: lessons.id, key: lessons.key }).from(lessons).where(eq(lessons.courseId, courseId));
  return Object.fromEntries(rows.map((row) => [row.key, row.id]));
};
const complete = async (person: TestPerson, keys: string[], at: string) => {
  const ids = await lessonIds();
  for (const key of keys) await completeLesson(handle.db, person, { lessonId: ids[key]!, operationId: opId() }, { now: new Date(at) });
};
const progress = async () => {
  const rows = await handle.db
    .select({
      userId: courseProgress.userId,
      lessonsDone: courseProgress.lessonsDone,
      percent: courseProgress.percent,
      completedAt: courseProgress.completedAt,
    })
    .from(courseProgress)
    .where(eq(courseProgress.courseId, courseId));
  const byPerson = new Map(rows.map((row) => [row.userId, row]));
  return { halfway: byPerson.get(halfway.id), almost: byPerson.get(almost.id), finisher: byPerson.get(finisher.id) };
};
const certificatesOf = (person: TestPerson) =>
  handle.db
    .select()
    .from(certificates)
    .where(and(eq(certificates.userId, person.id), eq(certificates.courseId, courseId)));

beforeAll(async () => {
  handle = await createTestDatabase();
  const acme = await createCompany(handle.db, "Acme");
  admin = await createPerson(handle.db, acme.id, { roles: ["admin"], name: "Dana Admin" });
  halfway = await createPerson(handle.db, acme.id, { name: "Hal Halfway" });
  almost = await createPerson(handle.db, acme.id, { name: "Alma Almost" });
  finisher = await createPerson(handle.db, acme.id, { name: "Finn Finisher" });
  const created = await importCourse(
    handle.db,
    admin,
    { file: file(["a", "b", "c", "d"]), operationId: opId() },
    { now: new Date("2026-05-01T09:00:00Z") },
  );
  if (created.result.status !== "imported") throw new Error("not imported");
  courseId = created.result.summary.courseId;
  groupId = (await createGroup(handle.db, admin, { courseId, members: [almost, finisher] })).id;
  await complete(halfway, ["a", "b"], "2026-05-02T09:00:00Z");
  await complete(almost, ["a", "b", "c"], "2026-05-02T10:00:00Z");
  await complete(finisher, ["a", "b", "c", "d"], "2026-05-02T11:00:00Z");
});
afterAll(() => handle.close());

describe("re-import recomputes everyone's progress in the same transaction", () => {
  it("starts from what the completions wrote", async () => {
    const now = await progress();
    expect([now.halfway?.percent, now.almost?.percent, now.finisher?.percent]).toEqual([50, 75, 100]);
    expect(now.finisher?.completedAt).toEqual(new Date("2026-05-02T11:00:00Z"));
    expect(await certificatesOf(finisher)).toHaveLength(1);
  });

  it("a lesson added lowers the percent of those who have not finished; a finished course stays finished", async () => {
    const { summary, events } = await reimport(["a", "b", "c", "d", "e"], "2026-05-03T09:00:00Z");
    expect(summary).toMatchObject({ outcome: "updated", lessonsAdded: 1, lessonsUpdated: 0, lessonsRetired: 0, learnersRecomputed: 3 });
    expect(events).toEqual([]);
    const now = await progress();
    expect(now.halfway).toMatchObject({ lessonsDone: 2, percent: 40, completedAt: null });
    expect(now.almost).toMatchObject({ lessonsDone: 3, percent: 60, completedAt: null });
    expect(now.finisher).toMatchObject({ lessonsDone: 4, percent: 100, completedAt: new Date("2026-05-02T11:00:00Z") });
  });

  it("a lesson retired raises the percent; whoever now has every current lesson done finishes, with a certificate and events", async () => {
    const at = "2026-05-04T09:00:00Z";
    const { summary, events } = await reimport(["a", "b", "c"], at);
    expect(summary).toMatchObject({ lessonsAdded: 0, lessonsRetired: 2, learnersRecomputed: 3 });
    const now = await progress();
    expect(now.halfway).toMatchObject({ lessonsDone: 2, percent: 66, completedAt: null });
    // Finished when their last current lesson was done; the certificate is issued now.
    expect(now.almost).toMatchObject({ lessonsDone: 3, percent: 100, completedAt: new Date("2026-05-02T10:00:00Z") });
    expect(now.finisher).toMatchObject({ lessonsDone: 3, percent: 100, completedAt: new Date("2026-05-02T11:00:00Z") });

    const [certificate] = await certificatesOf(almost);
    expect(certificate).toMatchObject({ issuedAt: new Date(at) });
    expect(certificate?.serial).toMatch(/^CHT-2026-\d{4}-\d{6}$/);
    expect(await certificatesOf(finisher)).toHaveLength(1);
    const almostEvents = await handle.db
      .select({ type: activityEvents.type, certificateId: activityEvents.certificateId })
      .from(activityEvents)
      .where(and(eq(activityEvents.userId, almost.id), eq(activityEvents.courseId, courseId), eq(activityEvents.createdAt, new Date(at))))
      .orderBy(asc(activityEvents.type));
    expect(almostEvents.map((e) => e.type)).toEqual(expect.arrayContaining(["course_completed", "certificate_issued"]));

    // Published after commit to the groups linked to the course that the learner is in.
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) {
      expect(event).toMatchObject({
        channels: [groupChannel(groupId)],
        event: realtimeEvents.activityCreated,
        data: { userId: almost.id, courseId },
      });
    }
    expect(events.map((e) => (e.data as { type: string }).type)).toEqual(
      expect.arrayContaining(["course_completed", "certificate_issued"]),
    );
    const [audit] = await handle.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.targetId, courseId))
      .orderBy(desc(auditLog.createdAt))
      .limit(1);
    expect(audit?.details).toMatchObject({ retired: 2, learnersRecomputed: 3, newlyFinished: 1 });
  });

  it("a retired lesson that comes back lowers the percent again, but nobody who finished is unfinished", async () => {
    const { summary } = await reimport(["a", "b", "c", "d", "e"], "2026-05-05T09:00:00Z");
    expect(summary).toMatchObject({ lessonsAdded: 0, lessonsUpdated: 2, lessonsRetired: 0 });
    const now = await progress();
    expect(now.halfway).toMatchObject({ lessonsDone: 2, percent: 40, completedAt: null });
    expect(now.almost).toMatchObject({ lessonsDone: 3, percent: 100, completedAt: new Date("2026-05-02T10:00:00Z") });
    expect(now.finisher).toMatchObject({ lessonsDone: 4, percent: 100 });
    expect(await certificatesOf(almost)).toHaveLength(1);
  });

  it("the admins' list counts current lessons, learners and finishers of the company's courses only", async () => {
    const globexAdmin = await createPerson(handle.db, (await createCompany(handle.db, "Globex")).id, { roles: ["admin"] });
    await importCourse(handle.db, globexAdmin, { file: file(["x"]), operationId: opId() });
    await handle.db
      .update(lessons)
      .set({ retiredAt: new Date() })
      .where(and(eq(lessons.courseId, courseId), eq(lessons.key, "e")));
    const list = await listAdminCourses(handle.db, admin);
    expect(list).toMatchObject({
      total: 1,
      page: 1,
      rows: [{ id: courseId, key: "recompute", title: "Recompute", lessonCount: 4, learners: 3, finished: 2 }],
    });
    expect((await listAdminCourses(handle.db, globexAdmin)).rows.map((row) => row.lessonCount)).toEqual([1]);
    for (const person of [halfway, await createPerson(handle.db, admin.companyId, { roles: ["hr"] })]) {
      expect(await refusalOr(() => listAdminCourses(handle.db, person))).toBe("forbidden");
    }
  });
});
