import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  activityEvents,
  certificates,
  courseProgress,
  lessonCompletions,
  lessons,
  progressSnapshots,
  type QuizQuestion,
  streaks,
  userBadges,
  users,
} from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createCourse, createLessons, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { completeLesson } from "./operations/complete-lesson";
import { finishCourse } from "./finish";
import { refreshCourseProgress } from "./progress";

const q = (answer: number): QuizQuestion => ({ prompt: "Which?", options: ["a", "b", "c"], answer });

describe("completing a lesson", () => {
  let handle: TestDatabase;
  let companyId: string;

  beforeAll(async () => {
    handle = await createTestDatabase();
    companyId = (await createCompany(handle.db, "Acme")).id;
  });
  afterAll(async () => {
    await handle.close();
  });

  const learner = (timeZone?: string) =>
    createPerson(handle.db, companyId, { name: "Lena Learner" }).then(async (person) => {
      if (timeZone) await handle.db.update(users).set({ timeZone }).where(eq(users.id, person.id));
      return person;
    });
  const course = async (quizzes: (QuizQuestion[] | null)[], owner = companyId) => {
    const created = await createCourse(handle.db, owner);
    return { course: created, lessons: await createLessons(handle.db, created, quizzes) };
  };
  const complete = (person: TestPerson, lessonId: string, at: string, answers?: number[]) =>
    completeLesson(handle.db, person, { lessonId, operationId: opId(), answers }, { now: new Date(at) });
  const progressOf = async (person: TestPerson, courseId: string) =>
    (
      await handle.db
        .select()
        .from(courseProgress)
        .where(and(eq(courseProgress.userId, person.id), eq(courseProgress.courseId, courseId)))
    )[0];
  const eventsOf = (person: TestPerson) => handle.db.select().from(activityEvents).where(eq(activityEvents.userId, person.id));
  const badgesOf = async (person: TestPerson) =>
    (await handle.db.select().from(userBadges).where(eq(userBadges.userId, person.id))).map((row) => row.badge).sort();

  it("keeps lessons done, percent of the current lessons, the average score and today's snapshot", async () => {
    const person = await learner();
    const {
      course: c,
      lessons: [first, second, third, fourth],
    } = await course([null, [q(0), q(1)], [q(2)], null]);

    const one = await complete(person, first!.id, "2026-05-04T08:00:00Z");
    expect(one.result).toMatchObject({ alreadyCompleted: false, score: null, percent: 25, courseCompleted: false, streak: 1 });
    const two = await complete(person, second!.id, "2026-05-04T09:00:00Z", [0, 2]);
    expect(two.result).toMatchObject({ score: 50, percent: 50 });
    const three = await complete(person, third!.id, "2026-05-05T09:00:00Z", [2]);
    expect(three.result).toMatchObject({ score: 100, percent: 75, streak: 2 });
    expect(await progressOf(person, c.id)).toMatchObject({ lessonsDone: 3, percent: 75, score: 75, completedAt: null });
    const snapshots = await handle.db.select().from(progressSnapshots).where(eq(progressSnapshots.userId, person.id));
    expect(
      snapshots
        .map(({ day, lessonsDone, percent, score }) => ({ day, lessonsDone, percent, score }))
        .sort((a, b) => a.day.localeCompare(b.day)),
    ).toEqual([
      { day: "2026-05-04", lessonsDone: 2, percent: 50, score: 50 },
      { day: "2026-05-05", lessonsDone: 3, percent: 75, score: 75 },
    ]);

    // A retired lesson leaves the course and its average; its completion stays.
    await handle.db
      .update(lessons)
      .set({ retiredAt: new Date("2026-05-06T00:00:00Z") })
      .where(eq(lessons.id, second!.id));
    const last = await complete(person, fourth!.id, "2026-05-06T09:00:00Z");
    expect(last.result).toMatchObject({ percent: 100, courseCompleted: true });
    expect(await progressOf(person, c.id)).toMatchObject({
      lessonsDone: 3,
      percent: 100,
      score: 100,
      completedAt: new Date("2026-05-06T09:00:00Z"),
      lastActivityAt: new Date("2026-05-06T09:00:00Z"),
    });
    expect(await handle.db.select().from(lessonCompletions).where(eq(lessonCompletions.userId, person.id))).toHaveLength(4);
  });

  it("rounds the percent down, so only a finished course shows 100", async () => {
    const person = await learner();
    const { course: c, lessons: all } = await course([null, null, null]);
    await complete(person, all[0]!.id, "2026-05-04T08:00:00Z");
    const second = await complete(person, all[1]!.id, "2026-05-04T08:01:00Z");
    expect(second.result.percent).toBe(66);
    expect((await progressOf(person, c.id))!.percent).toBe(66);
  });

  it("a finished course stays finished when a re-import adds a lesson", async () => {
    const person = await learner();
    const {
      course: c,
      lessons: [only],
    } = await course([null]);
    await complete(person, only!.id, "2026-05-04T08:00:00Z");
    await createLessonAt(c, 2);
    const refreshed = await handle.db.transaction((tx) =>
      refreshCourseProgress(tx, { companyId, courseId: c.id }, new Date("2026-05-05T08:00:00Z")),
    );
    expect(refreshed).toEqual({ newlyFinished: [], refreshed: 1, percents: { [person.id]: 100 } });
    expect(await progressOf(person, c.id)).toMatchObject({ lessonsDone: 1, percent: 100, completedAt: new Date("2026-05-04T08:00:00Z") });
  });

  it("recomputes everyone's progress set-based; those a retirement finishes get their certificate from finishCourse", async () => {
    const [ahead, behind] = [await learner(), await learner()];
    const {
      course: c,
      lessons: [one, two, three],
    } = await course([[q(0)], null, null]);
    await complete(ahead, one!.id, "2026-05-04T08:00:00Z", [0]);
    await complete(ahead, two!.id, "2026-05-04T09:00:00Z");
    await complete(behind, one!.id, "2026-05-04T08:00:00Z", [1]);
    await handle.db
      .update(lessons)
      .set({ retiredAt: new Date("2026-05-05T08:00:00Z") })
      .where(eq(lessons.id, three!.id));

    const at = new Date("2026-05-05T08:00:00Z");
    const events = await handle.db.transaction(async (tx) => {
      const { newlyFinished, refreshed } = await refreshCourseProgress(tx, { companyId, courseId: c.id }, at);
      expect({ newlyFinished, refreshed }).toEqual({ newlyFinished: [ahead.id], refreshed: 2 });
      return finishCourse(tx, { companyId, courseId: c.id, userIds: newlyFinished }, at);
    });
    expect(events.map((e) => [e.type, e.userId, e.badge]).sort()).toEqual([
      ["badge_awarded", ahead.id, "first_course"],
      ["certificate_issued", ahead.id, null],
      ["course_completed", ahead.id, null],
    ]);
    expect(await progressOf(ahead, c.id)).toMatchObject({
      lessonsDone: 2,
      percent: 100,
      score: 100,
      completedAt: new Date("2026-05-04T09:00:00Z"),
    });
    expect(await progressOf(behind, c.id)).toMatchObject({ lessonsDone: 1, percent: 50, score: 0, completedAt: null });
    expect(await handle.db.select().from(certificates).where(eq(certificates.courseId, c.id))).toHaveLength(1);
  });

  it("a completion dated before the learner's others still finishes the course and earns its badge", async () => {
    const person = await learner();
    const {
      lessons: [one, two],
    } = await course([null, null]);
    await complete(person, two!.id, "2026-05-10T08:00:00Z");
    const earlier = await complete(person, one!.id, "2026-05-08T08:00:00Z");
    expect(earlier.result).toMatchObject({ courseCompleted: true, badges: ["first_course"] });
  });

  async function createLessonAt(c: { id: string; companyId: string }, position: number) {
    await handle.db.insert(lessons).values({ companyId: c.companyId, courseId: c.id, key: `added-${position}`, position, title: "Added" });
  }

  it("is idempotent by operation id and by learner and lesson; the first score stays", async () => {
    const person = await learner();
    const {
      course: c,
      lessons: [quiz],
    } = await course([[q(0), q(1)], null]);
    const input = { lessonId: quiz!.id, operationId: opId(), answers: [0, 0] };
    const first = await completeLesson(handle.db, person, input, { now: new Date("2026-05-04T08:00:00Z") });
    const replay = await completeLesson(handle.db, person, input, { now: new Date("2026-05-04T08:05:00Z") });
    expect(replay.result).toEqual(first.result);
    expect(replay.events).toBeUndefined();

    const again = await complete(person, quiz!.id, "2026-05-05T08:00:00Z", [0, 1]);
    expect(again.result).toEqual({
      alreadyCompleted: true,
      score: 50,
      percent: 50,
      courseCompleted: false,
      badges: [],
      certificateId: null,
      streak: 1,
    });
    expect(again.events).toBeUndefined();
    expect(await handle.db.select().from(lessonCompletions).where(eq(lessonCompletions.userId, person.id))).toHaveLength(1);
    expect((await eventsOf(person)).filter((e) => e.type === "lesson_completed")).toHaveLength(1);
    expect(await handle.db.select().from(streaks).where(eq(streaks.userId, person.id))).toEqual([
      { userId: person.id, companyId, current: 1, longest: 1, lastDay: "2026-05-04" },
    ]);
    expect((await progressOf(person, c.id))!.score).toBe(50);
  });

  it("refuses missing, miscounted and impossible answers, and answers to a lesson without a quiz, writing nothing", async () => {
    const person = await learner();
    const {
      lessons: [quiz, plain],
    } = await course([[q(0), q(1)], null]);
    const at = "2026-05-04T08:00:00Z";
    await expect(complete(person, quiz!.id, at)).rejects.toMatchObject({ code: "quiz_answers_required", field: "answers" });
    await expect(complete(person, quiz!.id, at, [0])).rejects.toMatchObject({
      code: "quiz_answers_count",
      values: { expected: 2, given: 1 },
    });
    await expect(complete(person, quiz!.id, at, [0, 3])).rejects.toMatchObject({ code: "quiz_answer_invalid", values: { question: 2 } });
    await expect(complete(person, quiz!.id, at, [-1, 0])).rejects.toMatchObject({ code: "quiz_answer_invalid", values: { question: 1 } });
    await expect(complete(person, plain!.id, at, [])).rejects.toMatchObject({ code: "quiz_not_expected" });
    expect(await handle.db.select().from(lessonCompletions).where(eq(lessonCompletions.userId, person.id))).toHaveLength(0);
    expect(await eventsOf(person)).toHaveLength(0);
  });

  it("answers not found for another company's lesson and for a retired lesson, writing nothing", async () => {
    const person = await learner();
    const other = await createCompany(handle.db, "Globex");
    const {
      lessons: [foreign],
    } = await course([null], other.id);
    await expect(complete(person, foreign!.id, "2026-05-04T08:00:00Z")).rejects.toMatchObject({ code: "not_found" });
    const {
      lessons: [retired],
    } = await course([null]);
    await handle.db.update(lessons).set({ retiredAt: new Date() }).where(eq(lessons.id, retired!.id));
    await expect(complete(person, retired!.id, "2026-05-04T08:00:00Z")).rejects.toMatchObject({ code: "not_found" });
    expect(await handle.db.select().from(lessonCompletions).where(eq(lessonCompletions.userId, person.id))).toHaveLength(0);
    expect(await handle.db.select().from(courseProgress).where(eq(courseProgress.userId, person.id))).toHaveLength(0);
    expect(await eventsOf(person)).toHaveLength(0);
  });

  describe("streaks in the learner's time zone", () => {
    const streakAfter = async (timeZone: string | undefined, moments: string[]) => {
      const person = await learner(timeZone);
      const { lessons: all } = await course(moments.map(() => null));
      const results = [];
      for (const [index, at] of moments.entries()) results.push((await complete(person, all[index]!.id, at)).result.streak);
      const [row] = await handle.db.select().from(streaks).where(eq(streaks.userId, person.id));
      return { results, row, person };
    };

    it("counts 23:30 and 00:30 local as two days, though both are the same UTC date", async () => {
      // Europe/Berlin is UTC+1 in January: 22:30Z is 23:30 on the 10th, 23:30Z is 00:30 on the 11th.
      const { results, row } = await streakAfter("Europe/Berlin", ["2026-01-10T22:30:00Z", "2026-01-10T23:30:00Z"]);
      expect(results).toEqual([1, 2]);
      expect(row!.lastDay).toBe("2026-01-11");
    });

    it("counts two UTC dates as one local day west of Greenwich, and uses the company's zone when the learner has none", async () => {
      const west = await streakAfter("America/New_York", ["2026-01-10T15:00:00Z", "2026-01-11T03:00:00Z"]);
      expect(west.results).toEqual([1, 1]);
      // The company's default zone is Europe/Berlin: 23:59:59.999Z on the 10th is already the 11th there.
      const company = await streakAfter(undefined, ["2026-01-10T12:00:00Z", "2026-01-10T23:00:00.000Z"]);
      expect(company.results).toEqual([1, 2]);
    });

    it("restarts after a one-day gap, ignores a completion dated before the last day, and keeps the longest run", async () => {
      const { results, row } = await streakAfter("Europe/Berlin", [
        "2026-02-01T10:00:00Z",
        "2026-02-02T10:00:00Z",
        "2026-02-04T10:00:00Z",
        "2026-02-03T10:00:00Z",
        "2026-02-05T10:00:00Z",
      ]);
      expect(results).toEqual([1, 2, 1, 1, 2]);
      expect(row).toMatchObject({ current: 2, longest: 2, lastDay: "2026-02-05" });
    });

    it("crosses the daylight-saving changes of Europe/Berlin at local midnight", async () => {
      // Sunday 29 March 2026 has 23 hours in Berlin, Sunday 25 October 25 hours.
      const march = await streakAfter("Europe/Berlin", ["2026-03-28T22:30:00Z", "2026-03-29T21:30:00Z", "2026-03-29T22:30:00Z"]);
      expect(march.results).toEqual([1, 2, 3]);
      expect(march.row!.lastDay).toBe("2026-03-30");
      const october = await streakAfter("Europe/Berlin", [
        "2026-10-24T21:59:00Z",
        "2026-10-24T22:01:00Z",
        "2026-10-25T22:59:00Z",
        "2026-10-25T23:01:00Z",
      ]);
      expect(october.results).toEqual([1, 2, 2, 3]);
      expect(october.row!.lastDay).toBe("2026-10-26");
    });

    it("announces a milestone at three days, carrying the course of the completion", async () => {
      const { person } = await streakAfter("Europe/Berlin", [
        "2026-04-01T10:00:00Z",
        "2026-04-02T10:00:00Z",
        "2026-04-03T10:00:00Z",
        "2026-04-03T11:00:00Z",
      ]);
      const milestones = (await eventsOf(person)).filter((e) => e.type === "streak_milestone");
      expect(milestones).toHaveLength(1);
      expect(milestones[0]!.payload).toEqual({ days: 3 });
      const [third] = (await eventsOf(person)).filter(
        (e) => e.type === "lesson_completed" && e.createdAt.toISOString() === "2026-04-03T10:00:00.000Z",
      );
      expect(milestones[0]!.courseId).toBe(third!.courseId);
    });
  });

  describe("badges, each awarded once with an event naming the course", () => {
    it("first lesson, and a perfect quiz", async () => {
      const person = await learner();
      const {
        course: c,
        lessons: [plain, quiz, other],
      } = await course([null, [q(1)], [q(2)]]);
      const first = await complete(person, plain!.id, "2026-06-01T08:00:00Z");
      expect(first.result.badges).toEqual(["first_lesson"]);
      const perfect = await complete(person, quiz!.id, "2026-06-01T09:00:00Z", [1]);
      expect(perfect.result.badges).toEqual(["perfect_quiz"]);
      const again = await complete(person, other!.id, "2026-06-01T10:00:00Z", [2]);
      expect(again.result.badges).toEqual(["first_course"]);
      expect(await badgesOf(person)).toEqual(["first_course", "first_lesson", "perfect_quiz"]);
      const events = (await eventsOf(person)).filter((e) => e.type === "badge_awarded");
      expect(events.map((e) => e.badge).sort()).toEqual(["first_course", "first_lesson", "perfect_quiz"]);
      expect(events.every((e) => e.courseId === c.id)).toBe(true);
    });

    it("first course with a certificate; three courses at the third", async () => {
      const person = await learner();
      const results = [];
      for (let i = 0; i < 3; i++) {
        const {
          lessons: [only],
        } = await course([null]);
        results.push((await complete(person, only!.id, `2026-06-0${i + 1}T08:00:00Z`)).result);
      }
      expect(results.map((r) => r.badges)).toEqual([["first_lesson", "first_course"], [], ["three_courses"]]);
      expect(results.every((r) => r.courseCompleted && r.certificateId)).toBe(true);
    });

    it("streaks of 7 and 30 days", async () => {
      const person = await learner("Europe/Berlin");
      const { lessons: all } = await course(Array.from({ length: 31 }, () => null));
      const awarded: string[][] = [];
      for (let day = 0; day < 31; day++) {
        const at = new Date(Date.UTC(2026, 6, 1 + day, 10));
        awarded.push((await completeLesson(handle.db, person, { lessonId: all[day]!.id, operationId: opId() }, { now: at })).result.badges);
      }
      expect(awarded[6]).toEqual(["streak_7"]);
      expect(awarded[29]).toEqual(["streak_30"]);
      expect(awarded.flat().sort()).toEqual(["first_course", "first_lesson", "streak_30", "streak_7"]);
      const milestones = (await eventsOf(person)).filter((e) => e.type === "streak_milestone").map((e) => e.payload.days);
      expect(milestones.sort((a, b) => Number(a) - Number(b))).toEqual([3, 7, 14, 30]);
    });
  });

  it("finishing issues one certificate with a serial, and course_completed and certificate_issued events", async () => {
    const person = await learner();
    const {
      course: c,
      lessons: [one, two],
    } = await course([null, null]);
    await complete(person, one!.id, "2026-08-01T08:00:00Z");
    const done = await complete(person, two!.id, "2026-08-01T09:00:00Z");
    expect(done.result).toMatchObject({ courseCompleted: true, percent: 100 });
    const [certificate] = await handle.db.select().from(certificates).where(eq(certificates.userId, person.id));
    expect(certificate).toMatchObject({ id: done.result.certificateId, courseId: c.id, issuedAt: new Date("2026-08-01T09:00:00Z") });
    expect(certificate!.serial).toMatch(/^CHT-2026-\d{4}-\d{6}$/);
    const events = (await eventsOf(person)).filter((e) => e.type === "course_completed" || e.type === "certificate_issued");
    expect(events.map((e) => [e.type, e.courseId, e.certificateId]).sort()).toEqual([
      ["certificate_issued", c.id, certificate!.id],
      ["course_completed", c.id, certificate!.id],
    ]);
    expect(events.find((e) => e.type === "certificate_issued")!.payload).toEqual({ serial: certificate!.serial });
  });

  it("numbers certificates per company, and two companies' serials never meet", async () => {
    const other = await createCompany(handle.db, "Initech");
    const serials = [];
    for (const owner of [companyId, other.id, other.id]) {
      const person = await createPerson(handle.db, owner);
      const created = await createCourse(handle.db, owner);
      const [only] = await createLessons(handle.db, created, [null]);
      await completeLesson(handle.db, person, { lessonId: only!.id, operationId: opId() }, { now: new Date("2026-09-01T08:00:00Z") });
      serials.push((await handle.db.select().from(certificates).where(eq(certificates.userId, person.id)))[0]!.serial);
    }
    const [ours, theirs, theirsNext] = serials.map((s) => s.split("-"));
    expect(ours![2]).not.toBe(theirs![2]);
    expect(theirs![3]).toBe("000001");
    expect(theirsNext).toEqual([theirs![0], theirs![1], theirs![2], "000002"]);
  });
});
