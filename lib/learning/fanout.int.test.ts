import { eq } from "drizzle-orm";
import type Pusher from "pusher-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { learningGroups } from "@/db/schema";
import { groupChannelAt, realtimeEvents } from "@/lib/realtime/channels";
import { deliver } from "@/lib/realtime/server";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createCourse, createGroup, createLessons, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { subscribeAs } from "@/tests/realtime-client";
import { completeLesson } from "./operations/complete-lesson";
import type { ActivityMessage } from "./events";

describe("fan-out of a learner's activity to their groups on the course", () => {
  let handle: TestDatabase;
  let admin: TestPerson;
  let learner: TestPerson;
  let bystander: TestPerson;
  const clients: Pusher[] = [];

  beforeAll(async () => {
    handle = await createTestDatabase();
    const acme = await createCompany(handle.db, "Acme");
    admin = await createPerson(handle.db, acme.id, { roles: ["admin"] });
    learner = await createPerson(handle.db, acme.id, { name: "Lena Learner" });
    bystander = await createPerson(handle.db, acme.id);
  });
  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await handle.close();
  });

  it("reaches the active groups linked to the course in which the learner is a member, and no other", async () => {
    const course = await createCourse(handle.db, admin.companyId, "Security Awareness");
    const otherCourse = await createCourse(handle.db, admin.companyId, "Other");
    const [lesson] = await createLessons(handle.db, course, [[{ prompt: "?", options: ["a", "b"], answer: 1 }], null]);
    const groups = {
      first: await createGroup(handle.db, admin, { courseId: course.id, members: [learner, bystander] }),
      second: await createGroup(handle.db, admin, { courseId: course.id, members: [learner] }),
      notMember: await createGroup(handle.db, admin, { courseId: course.id, members: [bystander] }),
      archived: await createGroup(handle.db, admin, { courseId: course.id, members: [learner] }),
      otherCourse: await createGroup(handle.db, admin, { courseId: otherCourse.id, members: [learner] }),
      noCourse: await createGroup(handle.db, admin, { members: [learner] }),
    };
    await handle.db.update(learningGroups).set({ archivedAt: new Date() }).where(eq(learningGroups.id, groups.archived.id));

    const received = new Map<string, ActivityMessage[]>();
    for (const [name, group] of Object.entries(groups)) {
      const { client, channel } = await subscribeAs(handle.db, admin, groupChannelAt(group.id, 0));
      clients.push(client);
      received.set(name, []);
      channel.bind(realtimeEvents.activityCreated, (message: ActivityMessage) => received.get(name)!.push(message));
    }

    const at = new Date("2026-05-04T08:00:00Z");
    const outcome = await completeLesson(handle.db, learner, { lessonId: lesson!.id, operationId: opId(), answers: [1] }, { now: at });
    const feedEvents = outcome.events?.filter((e) => e.event === realtimeEvents.activityCreated);
    expect(feedEvents?.map((e) => e.channels.length)).toEqual([2, 2, 2]);
    await deliver(outcome, handle.db);

    const deadline = Date.now() + 10_000;
    while ((received.get("first")!.length < 3 || received.get("second")!.length < 3) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // A moment more, so a stray delivery to another group would have time to arrive.
    await new Promise((resolve) => setTimeout(resolve, 500));

    const common = { createdAt: at.toISOString(), userId: learner.id, userName: "Lena Learner", courseId: course.id };
    const expected = [
      { ...common, type: "lesson_completed", lessonId: lesson!.id, lessonTitle: "Lesson 1", score: 100, badge: null },
      { ...common, type: "badge_awarded", lessonId: null, lessonTitle: null, badge: "first_lesson" },
      { ...common, type: "badge_awarded", lessonId: null, lessonTitle: null, badge: "perfect_quiz" },
    ];
    const byType = (messages: ActivityMessage[]) =>
      [...messages].sort((a, b) => `${a.type}${a.badge}`.localeCompare(`${b.type}${b.badge}`));
    const sorted = byType(received.get("first")!);
    expect(sorted).toEqual([
      expect.objectContaining(expected[1]),
      expect.objectContaining(expected[2]),
      expect.objectContaining(expected[0]),
    ]);
    expect(byType(received.get("second")!)).toEqual(sorted);
    expect(new Set(sorted.map((m) => m.id)).size).toBe(3);
    expect(JSON.stringify(sorted[0]).length).toBeLessThan(10_000);
    for (const name of ["notMember", "archived", "otherCourse", "noCourse"]) expect(received.get(name)).toEqual([]);
  });
});
