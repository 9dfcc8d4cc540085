import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, DatabaseHandle } from "@/db/client";
import { activityEvents, certificates, lessonCompletions } from "@/db/schema";
import { env } from "@/base/env";
import { withBarrier } from "@/tests/barrier";
import { createRaceDatabase, type RaceDatabase } from "@/tests/database";
import { createCompany, createCourse, createLessons, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { completeLesson } from "./operations/complete-lesson";

/**
 * Races need two real connections: PostgreSQL only. A third connection holds the row both racers
 * lock, and lets go once both wait behind it.
 */
describe.runIf(env().testDatabaseUrl)("concurrent completions (PostgreSQL)", () => {
  let handle: RaceDatabase;
  let first: DatabaseHandle;
  let second: DatabaseHandle;
  let companyId: string;

  beforeAll(async () => {
    handle = await createRaceDatabase();
    ({ first, second } = handle);
    companyId = (await createCompany(handle.db, "Acme")).id;
  });
  afterAll(async () => {
    await handle.close();
  });

  const oneLessonCourse = async () => {
    const course = await createCourse(handle.db, companyId);
    const [lesson] = await createLessons(handle.db, course, [null]);
    return lesson!;
  };
  const finish = (db: Database, person: TestPerson, lessonId: string) =>
    completeLesson(db, person, { lessonId, operationId: opId() }, { now: new Date("2026-05-04T08:00:00Z") });

  it("two people finishing at the same moment get distinct serials from the company's counter", async () => {
    // The counter row exists once the company has issued a certificate; the racers queue on it.
    await finish(handle.db, await createPerson(handle.db, companyId), (await oneLessonCourse()).id);
    const lesson = await oneLessonCourse();
    const [a, b] = [await createPerson(handle.db, companyId), await createPerson(handle.db, companyId)];
    const outcomes = await withBarrier(
      handle.url!,
      { text: "select 1 from certificate_counters where company_id = $1 for update", values: [companyId] },
      () => Promise.all([finish(first.db, a, lesson.id), finish(second.db, b, lesson.id)]),
    );
    expect(outcomes.map((o) => o.result.courseCompleted)).toEqual([true, true]);
    const issued = await handle.db.select().from(certificates).where(eq(certificates.courseId, lesson.courseId));
    expect(issued).toHaveLength(2);
    expect(issued.map((c) => c.serial.slice(-6)).sort()).toEqual(["000002", "000003"]);
  });

  it("the same learner completing the last lesson twice at once gets one completion and one certificate", async () => {
    const lesson = await oneLessonCourse();
    const person = await createPerson(handle.db, companyId);
    const outcomes = await withBarrier(handle.url!, { text: "select 1 from users where id = $1 for update", values: [person.id] }, () =>
      Promise.all([finish(first.db, person, lesson.id), finish(second.db, person, lesson.id)]),
    );
    expect(outcomes.map((o) => o.result.alreadyCompleted).sort()).toEqual([false, true]);
    expect(outcomes.filter((o) => o.result.certificateId)).toHaveLength(1);
    expect(await handle.db.select().from(lessonCompletions).where(eq(lessonCompletions.userId, person.id))).toHaveLength(1);
    expect(await handle.db.select().from(certificates).where(eq(certificates.userId, person.id))).toHaveLength(1);
    const events = await handle.db.select().from(activityEvents).where(eq(activityEvents.userId, person.id));
    expect(events.map((e) => e.type).sort()).toEqual([
      "badge_awarded",
      "badge_awarded",
      "certificate_issued",
      "course_completed",
      "lesson_completed",
    ]);
  });
});
