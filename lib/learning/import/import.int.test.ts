import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, courses, lessons, operations } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { refusalOr } from "@/tests/refusal";
import type { CourseFile } from "./format";
import { type ImportResult, importCourse } from "./import-course";

let handle: TestDatabase;
let admin: TestPerson;
let hr: TestPerson;
let learner: TestPerson;
let foreignAdmin: TestPerson;

type LessonSpec = { key: string; title?: string; content?: string; quiz?: CourseFile["lessons"][number]["quiz"] };
const courseFile = (key: string, lessonSpecs: LessonSpec[], title = "Security basics") => ({
  key,
  title,
  description: "Keep the company safe.",
  lessons: lessonSpecs.map((lesson) => ({ title: `Lesson ${lesson.key}`, content: `About ${lesson.key}.`, ...lesson })),
});
const text = (file: unknown) => JSON.stringify(file);

async function imported(actor: TestPerson, file: unknown, operationId = opId(), now = new Date()) {
  const { result } = await importCourse(handle.db, actor, { file: text(file), operationId }, { now });
  if (result.status !== "imported") throw new Error(`not imported: ${JSON.stringify(result)}`);
  return result.summary;
}

async function courseRow(companyId: string, key: string) {
  const [row] = await handle.db
    .select()
    .from(courses)
    .where(and(eq(courses.companyId, companyId), eq(courses.key, key)));
  return row;
}

/** Current lessons in order, then retired ones, as `key@position` (retired ones marked). */
async function lessonLayout(courseId: string) {
  const rows = await handle.db
    .select()
    .from(lessons)
    .where(eq(lessons.courseId, courseId))
    .orderBy(sql`${lessons.retiredAt} is not null`, asc(lessons.position), asc(lessons.key));
  return rows.map((row) => (row.retiredAt ? `${row.key} (retired)` : `${row.key}@${row.position}`));
}

/** Everything an import could have touched in the company, to compare before and after a refusal. */
async function companyState(companyId: string) {
  return handle.db.transaction(async (tx) => ({
    courses: await tx.select().from(courses).where(eq(courses.companyId, companyId)).orderBy(asc(courses.id)),
    lessons: await tx.select().from(lessons).where(eq(lessons.companyId, companyId)).orderBy(asc(lessons.id)),
    audits: await tx.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.companyId, companyId)),
    operations: await tx.select({ id: operations.id }).from(operations).where(eq(operations.companyId, companyId)),
  }));
}

beforeAll(async () => {
  handle = await createTestDatabase();
  const acme = await createCompany(handle.db, "Acme");
  const globex = await createCompany(handle.db, "Globex");
  admin = await createPerson(handle.db, acme.id, { roles: ["admin"] });
  hr = await createPerson(handle.db, acme.id, { roles: ["hr"] });
  learner = await createPerson(handle.db, acme.id);
  foreignAdmin = await createPerson(handle.db, globex.id, { roles: ["admin"] });
});
afterAll(() => handle.close());

describe("importing a course", () => {
  it("creates the course and its lessons in the file's order, audited", async () => {
    const quiz = [{ prompt: "Which is strongest?", options: ["1234", "correct horse battery staple"], answer: 1 }];
    const summary = await imported(admin, courseFile("create-test", [{ key: "intro" }, { key: "passwords", quiz }]));
    expect(summary).toMatchObject({ outcome: "created", title: "Security basics", lessonsAdded: 2, lessonsUpdated: 0, lessonsRetired: 0 });
    const course = await courseRow(admin.companyId, "create-test");
    expect(course).toMatchObject({ id: summary.courseId, title: "Security basics", description: "Keep the company safe." });
    expect(await lessonLayout(summary.courseId)).toEqual(["intro@1", "passwords@2"]);
    const [passwords] = await handle.db
      .select()
      .from(lessons)
      .where(and(eq(lessons.courseId, summary.courseId), eq(lessons.key, "passwords")));
    expect(passwords).toMatchObject({ title: "Lesson passwords", content: "About passwords.", quiz, companyId: admin.companyId });
    const [audit] = await handle.db.select().from(auditLog).where(eq(auditLog.targetId, summary.courseId));
    expect(audit).toMatchObject({
      action: "course.imported",
      targetType: "course",
      actorId: admin.id,
      details: { key: "create-test", title: "Security basics", added: 2, updated: 0, retired: 0 },
    });
  });

  it("re-import adds, updates, reorders, retires and brings back lessons by key", async () => {
    const first = await imported(admin, courseFile("reimport-test", [{ key: "a" }, { key: "b" }, { key: "c" }, { key: "d" }]));
    // b and c swap places (through the partial unique index on current positions), d leaves, e arrives, a changes its text.
    const second = await imported(
      admin,
      courseFile("reimport-test", [{ key: "a", content: "New text." }, { key: "c" }, { key: "b" }, { key: "e" }], "Security, revised"),
    );
    expect(second).toEqual({
      courseId: first.courseId,
      title: "Security, revised",
      outcome: "updated",
      lessonsAdded: 1,
      lessonsUpdated: 3,
      lessonsRetired: 1,
      learnersRecomputed: 0,
    });
    expect(await lessonLayout(first.courseId)).toEqual(["a@1", "c@2", "b@3", "e@4", "d (retired)"]);
    expect((await courseRow(admin.companyId, "reimport-test"))?.title).toBe("Security, revised");

    // d comes back at the front, keeping its id (and so its completions); nothing else changed.
    const [dBefore] = await handle.db
      .select({ id: lessons.id })
      .from(lessons)
      .where(and(eq(lessons.courseId, first.courseId), eq(lessons.key, "d")));
    const third = await imported(
      admin,
      courseFile(
        "reimport-test",
        [{ key: "d" }, { key: "a", content: "New text." }, { key: "c" }, { key: "b" }, { key: "e" }],
        "Security, revised",
      ),
    );
    expect(third).toMatchObject({ lessonsAdded: 0, lessonsUpdated: 5, lessonsRetired: 0 });
    expect(await lessonLayout(first.courseId)).toEqual(["d@1", "a@2", "c@3", "b@4", "e@5"]);
    const [dAfter] = await handle.db
      .select({ id: lessons.id, retiredAt: lessons.retiredAt })
      .from(lessons)
      .where(eq(lessons.id, dBefore!.id));
    expect(dAfter?.retiredAt).toBeNull();

    const same = await imported(
      admin,
      courseFile(
        "reimport-test",
        [{ key: "d" }, { key: "a", content: "New text." }, { key: "c" }, { key: "b" }, { key: "e" }],
        "Security, revised",
      ),
    );
    expect(same).toMatchObject({ outcome: "updated", lessonsAdded: 0, lessonsUpdated: 0, lessonsRetired: 0 });
    const audits = await handle.db.select().from(auditLog).where(eq(auditLog.targetId, first.courseId)).orderBy(asc(auditLog.createdAt));
    expect(audits.map((a) => a.action)).toEqual(["course.imported", "course.reimported", "course.reimported", "course.reimported"]);
  });

  it("counts a changed quiz or title as an update", async () => {
    const quiz = [{ prompt: "Q?", options: ["x", "y"], answer: 0 }];
    const { courseId } = await imported(admin, courseFile("quiz-change", [{ key: "a", quiz }, { key: "b" }]));
    const changed = await imported(
      admin,
      courseFile("quiz-change", [
        { key: "a", quiz: [{ ...quiz[0]!, answer: 1 }] },
        { key: "b", title: "Renamed" },
      ]),
    );
    expect(changed).toMatchObject({ lessonsAdded: 0, lessonsUpdated: 2, lessonsRetired: 0 });
    const rows = await handle.db.select().from(lessons).where(eq(lessons.courseId, courseId)).orderBy(asc(lessons.position));
    expect(rows.map((row) => [row.title, row.quiz])).toEqual([
      ["Lesson a", [{ prompt: "Q?", options: ["x", "y"], answer: 1 }]],
      ["Renamed", null],
    ]);
  });

  it("accepts an already-parsed course, validated all the same", async () => {
    const file = courseFile("parsed-test", [{ key: "only" }]);
    const { result } = await importCourse(handle.db, admin, {
      file: { ...file, lessons: file.lessons.map((l) => ({ ...l })) },
      operationId: opId(),
    });
    expect(result).toMatchObject({ status: "imported", summary: { outcome: "created", lessonsAdded: 1 } });
    const { result: bad } = await importCourse(handle.db, admin, {
      file: { ...file, key: "Not A Slug" } as CourseFile,
      operationId: opId(),
    });
    expect(bad).toEqual({ status: "invalid", total: 1, issues: [{ path: "key", code: "keyFormat", value: "Not A Slug" }] });
  });
});

describe("all or nothing", () => {
  it("changes nothing and claims no operation id when the file is invalid", async () => {
    await imported(admin, courseFile("invalid-test", [{ key: "a" }]));
    const before = await companyState(admin.companyId);
    const operationId = opId();
    const { result: refused } = await importCourse(handle.db, admin, {
      file: text(courseFile("invalid-test", [{ key: "a" }, { key: "a" }, { key: "b", quiz: [] }])),
      operationId,
    });
    expect(refused).toEqual<ImportResult>({
      status: "invalid",
      total: 2,
      issues: [
        { path: "lessons[1].key", code: "duplicateKey", values: { key: "a", first: "lessons[0]" } },
        { path: "lessons[2].quiz", code: "tooFew", values: { min: 1 } },
      ],
    });
    const { result: broken } = await importCourse(handle.db, admin, { file: '{"key": "invalid-test",', operationId });
    expect(broken).toMatchObject({ status: "invalid", issues: [{ path: "", code: "invalidJsonEnd", values: { line: 1, column: 24 } }] });
    expect(await companyState(admin.companyId)).toEqual(before);
    // The corrected file goes with the same operation id, which no refusal claimed.
    expect(await imported(admin, courseFile("invalid-test", [{ key: "a" }, { key: "b" }]), operationId)).toMatchObject({ lessonsAdded: 1 });
  });

  it("leaves everything as it was when the database fails half-way through", async () => {
    const { courseId } = await imported(admin, courseFile("failure-test", [{ key: "a" }, { key: "b" }, { key: "c" }]));
    const before = await companyState(admin.companyId);
    // A real failure inside the transaction, after the course row and the retirements were written:
    // the insert of lesson "boom" is refused by a trigger.
    await handle.db.execute(sql`
      create function refuse_boom() returns trigger language plpgsql as $$
      begin raise exception 'refused for the test'; end $$`);
    await handle.db.execute(
      sql`create trigger refuse_boom before insert on lessons for each row when (new.key = 'boom') execute function refuse_boom()`,
    );
    try {
      const operationId = opId();
      await expect(
        importCourse(handle.db, admin, {
          file: text(courseFile("failure-test", [{ key: "c" }, { key: "boom" }], "Changed title")),
          operationId,
        }),
      ).rejects.toThrow();
      expect(await companyState(admin.companyId)).toEqual(before);
      expect(await lessonLayout(courseId)).toEqual(["a@1", "b@2", "c@3"]);
    } finally {
      await handle.db.execute(sql`drop trigger refuse_boom on lessons`);
      await handle.db.execute(sql`drop function refuse_boom()`);
    }
  });
});

describe("idempotency", () => {
  it("runs once per operation id: a replay returns the first summary and changes nothing", async () => {
    const operationId = opId();
    const file = courseFile("replay-test", [{ key: "a" }]);
    const first = await imported(admin, file, operationId);
    const changedMeanwhile = await imported(admin, courseFile("replay-test", [{ key: "a" }, { key: "b" }]));
    expect(changedMeanwhile.lessonsAdded).toBe(1);
    const replay = await imported(admin, file, operationId);
    expect(replay).toEqual(first);
    expect(await lessonLayout(first.courseId)).toEqual(["a@1", "b@2"]);
    const audits = await handle.db.select().from(auditLog).where(eq(auditLog.targetId, first.courseId));
    expect(audits).toHaveLength(2);
  });

  it("two imports of the same new course at once: one creates it, the other updates it", async () => {
    const file = courseFile("race-test", [{ key: "a" }, { key: "b" }]);
    const results = await Promise.all([imported(admin, file), imported(admin, file)]);
    expect(results.map((r) => r.outcome).sort()).toEqual(["created", "updated"]);
    expect(new Set(results.map((r) => r.courseId)).size).toBe(1);
    expect(await lessonLayout(results[0].courseId)).toEqual(["a@1", "b@2"]);
  });
});

describe("permissions and tenancy", () => {
  it("refuses learners and HR staff, whatever the file", async () => {
    const file = text(courseFile("perm-test", [{ key: "a" }]));
    for (const actor of [learner, hr]) {
      expect(await refusalOr(() => importCourse(handle.db, actor, { file, operationId: opId() }))).toBe("forbidden");
      expect(await refusalOr(() => importCourse(handle.db, actor, { file: "not json", operationId: opId() }))).toBe("forbidden");
    }
    expect(await courseRow(admin.companyId, "perm-test")).toBeUndefined();
  });

  it("keys are per company: another company's course with the same key is another course, untouched", async () => {
    const ours = await imported(admin, courseFile("shared-key", [{ key: "a" }, { key: "b" }], "Acme's course"));
    const theirs = await imported(foreignAdmin, courseFile("shared-key", [{ key: "x" }], "Globex's course"));
    expect(theirs).toMatchObject({ outcome: "created", lessonsAdded: 1, lessonsRetired: 0 });
    expect(theirs.courseId).not.toBe(ours.courseId);
    expect(await lessonLayout(ours.courseId)).toEqual(["a@1", "b@2"]);
    expect((await courseRow(admin.companyId, "shared-key"))?.title).toBe("Acme's course");
    const [foreignLesson] = await handle.db.select().from(lessons).where(eq(lessons.courseId, theirs.courseId));
    expect(foreignLesson?.companyId).toBe(foreignAdmin.companyId);
  });
});
