import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, it } from "vitest";
import { auditLog, courses, lessonCompletions } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createCourse, createLessons, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { expectOneEffect, type ReplayCase } from "@/tests/replay";
import { completeLesson } from "./operations/complete-lesson";
import { importCourse } from "./import/import-course";

let handle: TestDatabase;
let companyId: string;
let admin: TestPerson;

beforeAll(async () => {
  handle = await createTestDatabase();
  companyId = (await createCompany(handle.db, "Acme")).id;
  admin = await createPerson(handle.db, companyId, { roles: ["admin"] });
});
afterAll(() => handle.close());

const cases: ReplayCase[] = [
  {
    name: "learning.complete",
    prepare: async () => {
      const learner = await createPerson(handle.db, companyId);
      const course = await createCourse(handle.db, companyId);
      const [lesson] = await createLessons(handle.db, course, [null]);
      const input = { lessonId: lesson!.id, operationId: opId() };
      const mine = eq(lessonCompletions.userId, learner.id);
      return {
        call: () => completeLesson(handle.db, learner, input, { now: new Date("2026-05-04T08:00:00Z") }),
        // Gone again: a second run would complete the lesson once more.
        disturb: async () => {
          await handle.db.delete(lessonCompletions).where(mine);
        },
        observe: () => handle.db.select().from(lessonCompletions).where(mine),
      };
    },
  },
  {
    name: "course.import",
    prepare: async () => {
      const key = `replay-${opId().slice(0, 8)}`;
      const file = { key, title: "Imported", description: "", lessons: [{ key: "a", title: "A", content: "Text" }] };
      const input = { file: JSON.stringify(file), operationId: opId() };
      const course = eq(courses.key, key);
      return {
        call: () => importCourse(handle.db, admin, input),
        // Renamed since: a second run would set the file's title again, with another audit row.
        disturb: async () => {
          await handle.db.update(courses).set({ title: "Renamed" }).where(course);
        },
        observe: async () => {
          const [row] = await handle.db.select({ id: courses.id, title: courses.title }).from(courses).where(course);
          return { row, audit: await handle.db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.targetId, row!.id)) };
        },
      };
    },
  },
];

describe("the same operation id twice does the work once", () => {
  it.each(cases.map((replay) => [replay.name, replay] as const))("%s", (_name, replay) => expectOneEffect(replay));
});
