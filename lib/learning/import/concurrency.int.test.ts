import { and, asc, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { activityEvents, certificates, courseProgress, lessons } from "@/db/schema";
import { env } from "@/base/env";
import { withBarrier } from "@/tests/barrier";
import { createRaceDatabase, type RaceDatabase } from "@/tests/database";
import { createCompany, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { completeLesson } from "../operations/complete-lesson";
import { importCourse } from "./import-course";

/** The barrier's lock: the course row, which an import updates first and a completion share-locks. */
const courseRow = (id: string) => ({ text: "select id from courses where id = $1 for update", values: [id] });

const file = (key: string, lessonKeys: string[]) =>
  JSON.stringify({ key, title: key, lessons: lessonKeys.map((lesson) => ({ key: lesson, title: `Lesson ${lesson}` })) });

/**
 * Races need two real connections: PostgreSQL only. A third connection holds the course row as a
 * barrier, so both operations are in flight together before either proceeds.
 */
describe.runIf(env().testDatabaseUrl)("a re-import racing with completions and imports (PostgreSQL)", () => {
  let handle: RaceDatabase;
  let first: DatabaseHandle;
  let second: DatabaseHandle;
  let admin: TestPerson;
  let companyId: string;

  beforeAll(async () => {
    handle = await createRaceDatabase();
    ({ first, second } = handle);
    companyId = (await createCompany(handle.db, "Acme")).id;
    admin = await createPerson(handle.db, companyId, { roles: ["admin"] });
  });
  afterAll(async () => {
    await handle.close();
  });

  async function importOn(db: DatabaseHandle, key: string, lessonKeys: string[]) {
    const { result } = await importCourse(db.db, admin, { file: file(key, lessonKeys), operationId: opId() });
    if (result.status !== "imported") throw new Error("not imported");
    return result.summary;
  }

  const lessonId = async (courseId: string, key: string) =>
    (
      await handle.db
        .select({ id: lessons.id })
        .from(lessons)
        .where(and(eq(lessons.courseId, courseId), eq(lessons.key, key)))
    )[0]!.id;

  it.each([1, 2, 3])(
    "the last lesson completed while the other one is retired: finished once, with one certificate (round %i)",
    async (round) => {
      const key = `race-finish-${round}`;
      const { courseId } = await importOn(first, key, ["a", "b", "c", "d"]);
      const learner = await createPerson(handle.db, companyId);
      for (const done of ["a", "b"])
        await completeLesson(handle.db, learner, { lessonId: await lessonId(courseId, done), operationId: opId() });
      const c = await lessonId(courseId, "c");

      await withBarrier(handle.url!, courseRow(courseId), () =>
        Promise.all([completeLesson(first.db, learner, { lessonId: c, operationId: opId() }), importOn(second, key, ["a", "b", "c"])]),
      );

      const [progress] = await handle.db
        .select()
        .from(courseProgress)
        .where(and(eq(courseProgress.userId, learner.id), eq(courseProgress.courseId, courseId)));
      expect(progress).toMatchObject({ lessonsDone: 3, percent: 100 });
      expect(progress?.completedAt).not.toBeNull();
      expect(await handle.db.select().from(certificates).where(eq(certificates.userId, learner.id))).toHaveLength(1);
      const finished = await handle.db
        .select()
        .from(activityEvents)
        .where(and(eq(activityEvents.userId, learner.id), eq(activityEvents.type, "course_completed")));
      expect(finished).toHaveLength(1);
    },
  );

  it("two re-imports reordering the same lessons both succeed, one after the other", async () => {
    const { courseId } = await importOn(first, "race-reorder", ["a", "b", "c"]);
    const results = await withBarrier(handle.url!, courseRow(courseId), () =>
      Promise.all([importOn(first, "race-reorder", ["c", "b", "a", "d"]), importOn(second, "race-reorder", ["b", "a", "e"])]),
    );
    expect(results.map((r) => r.outcome)).toEqual(["updated", "updated"]);
    const current = await handle.db
      .select({ key: lessons.key })
      .from(lessons)
      .where(and(eq(lessons.courseId, courseId), isNull(lessons.retiredAt)))
      .orderBy(asc(lessons.position));
    // Whichever committed last decided the course; nothing of the other is left half-applied.
    expect([
      ["c", "b", "a", "d"],
      ["b", "a", "e"],
    ]).toContainEqual(current.map((row) => row.key));
  });
});
