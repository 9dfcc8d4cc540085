import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userBadges } from "@/db/schema";
import { completeLesson } from "@/lib/learning/operations/complete-lesson";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createCourse, createGroup, createLessons, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { refusalOr } from "@/tests/refusal";
import { listMembers } from "./queries/members";
import { requireGroupAccess } from "@/lib/group-access/access";

let handle: TestDatabase;
let admin: TestPerson;

beforeAll(async () => {
  handle = await createTestDatabase();
  const acme = await createCompany(handle.db, "Acme");
  admin = await createPerson(handle.db, acme.id, { roles: ["admin"], name: "Dana Admin" });
});
afterAll(() => handle.close());

const DAY = new Date("2026-05-04T08:00:00Z");
const later = (days: number) => new Date(DAY.getTime() + days * 86_400_000);

describe("members' progress in the linked course", () => {
  it("shows lessons done of the course's, percent, score, streak, badges and the certificate of each member", async () => {
    const course = await createCourse(handle.db, admin.companyId, "Security");
    const other = await createCourse(handle.db, admin.companyId, "Other");
    const quiz = [{ prompt: "?", options: ["a", "b"], answer: 1 }];
    const [first, second, third] = await createLessons(handle.db, course, [quiz, quiz, null]);
    const [elsewhere] = await createLessons(handle.db, other, [null]);
    const ava = await createPerson(handle.db, admin.companyId, { name: "Ava Ahead" });
    const bo = await createPerson(handle.db, admin.companyId, { name: "Bo Begun" });
    const cy = await createPerson(handle.db, admin.companyId, { name: "Cy Idle" });
    const group = await createGroup(handle.db, admin, { courseId: course.id, members: [ava, bo, cy] });

    for (const [lesson, answers, day] of [
      [first, [1], 0],
      [second, [0], 1],
      [third, undefined, 2],
    ] as const) {
      await completeLesson(
        handle.db,
        ava,
        { lessonId: lesson!.id, operationId: opId(), answers: answers && [...answers] },
        { now: later(day) },
      );
    }
    await completeLesson(handle.db, bo, { lessonId: first!.id, operationId: opId(), answers: [1] }, { now: later(0) });
    await completeLesson(handle.db, cy, { lessonId: elsewhere!.id, operationId: opId() }, { now: later(2) });
    // Another company's row about one of ours is never counted.
    const globex = await createCompany(handle.db, "Globex");
    await handle.db.insert(userBadges).values({ companyId: globex.id, userId: bo.id, badge: "streak_30", courseId: course.id });

    const page = await listMembers(handle.db, bo, await requireGroupAccess(handle.db, bo, group.id), { now: later(2) });
    const byName = Object.fromEntries(page.rows.map((row) => [row.name, row.progress]));
    expect(byName["Ava Ahead"]).toMatchObject({ lessonsDone: 3, lessonsTotal: 3, percent: 100, score: 50, streak: 3 });
    expect(byName["Ava Ahead"]!.certificateSerial).toMatch(/^CHT-2026-/);
    expect(byName["Ava Ahead"]!.badges).toBeGreaterThanOrEqual(3);
    expect(byName["Bo Begun"]).toMatchObject({
      lessonsDone: 1,
      lessonsTotal: 3,
      percent: 33,
      score: 100,
      streak: 0,
      badges: 2,
      certificateId: null,
    });
    // Cy's streak comes from another course: it is a person's, so it shows; the course's figures are empty.
    expect(byName["Cy Idle"]).toMatchObject({ lessonsDone: 0, percent: 0, score: null, streak: 1, badges: 0, certificateId: null });

    const twoDaysOn = await listMembers(handle.db, bo, await requireGroupAccess(handle.db, bo, group.id), { now: later(5) });
    expect(twoDaysOn.rows.map((row) => row.progress?.streak)).toEqual([0, 0, 0]);
  });

  it("shows only membership when the group has no linked course, and nothing to other companies", async () => {
    const member = await createPerson(handle.db, admin.companyId, { name: "Mo Member" });
    const group = await createGroup(handle.db, admin, { members: [member] });
    expect((await listMembers(handle.db, member, await requireGroupAccess(handle.db, member, group.id))).rows).toEqual([
      expect.objectContaining({ name: "Mo Member", progress: null }),
    ]);

    const globex = await createCompany(handle.db, "Globex 2");
    const foreignAdmin = await createPerson(handle.db, globex.id, { roles: ["admin"] });
    expect(
      await refusalOr(async () => listMembers(handle.db, foreignAdmin, await requireGroupAccess(handle.db, foreignAdmin, group.id))),
    ).toBe("not_found");
  });
});
