import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { certificates, courseProgress, type Lesson, lessonCompletions, lessons } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createCourse, createLessons, createPerson, type TestPerson } from "@/tests/fixtures";
import { getCourseForLearner, getLessonForLearner, listMyCourses } from "./queries";

let handle: TestDatabase;
let me: TestPerson;
let colleague: TestPerson;
let stranger: TestPerson;
let courseId: string;
let lesson: Record<"intro" | "quiz" | "last" | "retired", Lesson>;

const quiz = [
  { prompt: "Where are decisions written down?", options: ["Chat", "The wiki"], answer: 1 },
  { prompt: "Who answers payroll questions?", options: ["HR", "Your buddy", "Nobody"], answer: 0 },
];

beforeAll(async () => {
  handle = await createTestDatabase();
  const { db } = handle;
  const acme = await createCompany(db, "Acme");
  const globex = await createCompany(db, "Globex");
  me = await createPerson(db, acme.id);
  colleague = await createPerson(db, acme.id);
  stranger = await createPerson(db, globex.id, { roles: ["admin"] });
  const course = await createCourse(db, acme.id, "Welcome");
  courseId = course.id;
  const [intro, retired, tools, help] = await createLessons(db, course, [null, null, quiz, null]);
  // The second lesson left the course in a re-import; the last one came at a later position.
  const set = async (row: Lesson, values: Partial<Lesson>) =>
    (await db.update(lessons).set(values).where(eq(lessons.id, row.id)).returning())[0]!;
  lesson = {
    intro: await set(intro!, { title: "Our story", content: "First.\n\nSecond." }),
    retired: await set(retired!, { title: "Old tools", retiredAt: new Date() }),
    quiz: await set(tools!, { title: "Tools" }),
    last: await set(help!, { title: "Help", position: 5 }),
  };
  // I completed the first lesson and the retired one (before it left the course).
  await db.insert(lessonCompletions).values([
    { companyId: acme.id, userId: me.id, courseId, lessonId: lesson.intro.id },
    { companyId: acme.id, userId: me.id, courseId, lessonId: lesson.retired.id },
    { companyId: acme.id, userId: colleague.id, courseId, lessonId: lesson.quiz.id, score: 50 },
  ]);
  await db.insert(courseProgress).values({ companyId: acme.id, userId: me.id, courseId, lessonsDone: 1, percent: 33 });
});
afterAll(() => handle.close());

describe("courses for learners", () => {
  it("counts only a course's current lessons in the list", async () => {
    expect((await listMyCourses(handle.db, me, { pageSize: 5 })).rows).toEqual([
      expect.objectContaining({ title: "Welcome", lessonCount: 3, percent: 33 }),
    ]);
  });

  it("lists the current lessons in order with my own completions and the next lesson", async () => {
    const course = await getCourseForLearner(handle.db, me, courseId);
    expect(course).toMatchObject({
      title: "Welcome",
      progress: { lessonsDone: 1, percent: 33, score: null, completedAt: null },
      nextLessonId: lesson.quiz.id,
      certificateId: null,
    });
    expect(course!.lessons.map((l) => [l.title, l.hasQuiz, l.completedAt !== null, l.score])).toEqual([
      ["Our story", false, true, null],
      ["Tools", true, false, null],
      ["Help", false, false, null],
    ]);
  });

  it("shows a colleague their own progress, and the certificate once the course is finished", async () => {
    const course = await getCourseForLearner(handle.db, colleague, courseId);
    expect(course!.lessons.map((l) => [l.title, l.score])).toEqual([
      ["Our story", null],
      ["Tools", 50],
      ["Help", null],
    ]);
    expect(course!.nextLessonId).toBe(lesson.intro.id);

    const [certificate] = await handle.db
      .insert(certificates)
      .values({ companyId: me.companyId, userId: me.id, courseId, serial: `T-${crypto.randomUUID()}` })
      .returning();
    expect((await getCourseForLearner(handle.db, me, courseId))!.certificateId).toBe(certificate!.id);
    expect((await getCourseForLearner(handle.db, colleague, courseId))!.certificateId).toBeNull();
  });

  it("gives another company's people nothing, whatever their role", async () => {
    expect(await getCourseForLearner(handle.db, stranger, courseId)).toBeNull();
    expect(await getLessonForLearner(handle.db, stranger, { courseId, lessonId: lesson.intro.id })).toBeNull();
    expect((await listMyCourses(handle.db, stranger, { pageSize: 5 })).rows).toEqual([]);
  });
});

describe("a lesson for learners", () => {
  it("has its content, its place among the current lessons and its neighbours", async () => {
    const intro = await getLessonForLearner(handle.db, me, { courseId, lessonId: lesson.intro.id });
    expect(intro).toMatchObject({
      title: "Our story",
      content: "First.\n\nSecond.",
      courseTitle: "Welcome",
      number: 1,
      lessonCount: 3,
      questions: [],
      score: null,
      previousLessonId: null,
      nextLessonId: lesson.quiz.id,
    });
    expect(intro!.completedAt).toBeInstanceOf(Date);
    const last = await getLessonForLearner(handle.db, me, { courseId, lessonId: lesson.last.id });
    expect(last).toMatchObject({ number: 3, previousLessonId: lesson.quiz.id, nextLessonId: null, completedAt: null });
  });

  it("never returns a quiz's answers", async () => {
    const tools = await getLessonForLearner(handle.db, colleague, { courseId, lessonId: lesson.quiz.id });
    expect(tools!.questions).toStrictEqual([
      { prompt: "Where are decisions written down?", options: ["Chat", "The wiki"] },
      { prompt: "Who answers payroll questions?", options: ["HR", "Your buddy", "Nobody"] },
    ]);
    expect(JSON.stringify(tools)).not.toContain('"answer"');
    expect(tools!.score).toBe(50);
  });

  it("is not found through another course, nor once retired", async () => {
    const other = await createCourse(handle.db, me.companyId, "Other");
    expect(await getLessonForLearner(handle.db, me, { courseId: other.id, lessonId: lesson.intro.id })).toBeNull();
    expect(await getLessonForLearner(handle.db, me, { courseId, lessonId: lesson.retired.id })).toBeNull();
  });
});
