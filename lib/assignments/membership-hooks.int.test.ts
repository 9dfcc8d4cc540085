import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { assignmentRules, assignments, mailOutbox, membershipEvents, notifications, users } from "@/db/schema";
import { deleteGroup } from "@/lib/groups/operations/delete-group";
import { completeLesson } from "@/lib/learning/operations/complete-lesson";
import { importCourse } from "@/lib/learning/import/import-course";
import { joinGroup } from "@/lib/membership/operations/join-group";
import { leaveGroup } from "@/lib/membership/operations/leave-group";
import { addMembers } from "@/lib/membership/operations/add-members";
import { moveMembers } from "@/lib/membership/operations/move-members";
import { removeMembers } from "@/lib/membership/operations/remove-members";
import { type PersonalNews, type RealtimeEvent, realtimeEvents, userChannel } from "@/lib/realtime/channels";
import { mergeNews } from "@/lib/realtime/news";
import { reachNewcomers } from "@/lib/realtime/server";
import { countUnreadNotifications } from "@/lib/notifications/queries";
import { deactivatePerson } from "@/lib/people/operations/deactivate-person";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import {
  createCompany,
  createCourse,
  createDepartment,
  createGroup,
  createLessons,
  createPerson,
  opId,
  type TestPerson,
} from "@/tests/fixtures";
import type { Deadline } from "./schemas";
import { assignCourse } from "./operations/assign-course";
import { assignPerson } from "./operations/assign-person";
import { applyGroupRules } from "./sql";

/** The channels a delivery tells that their assignments changed, as it goes out (one news event each). */
const assignmentsChanged = (events: readonly RealtimeEvent[]) =>
  mergeNews(events).flatMap((event) =>
    event.event === realtimeEvents.news && (event.data as PersonalNews).assignments ? event.channels : [],
  );

let handle: TestDatabase;
let acmeId: string;
let admin: TestPerson;

beforeAll(async () => {
  handle = await createTestDatabase();
  acmeId = (await createCompany(handle.db, "Acme")).id;
  admin = await createPerson(handle.db, acmeId, { roles: ["admin"], name: "Ada Admin" });
});
afterAll(() => handle.close());

const person = (options: Parameters<typeof createPerson>[2] = {}) => createPerson(handle.db, acmeId, options);
const inZone = async (timeZone: string) => {
  const created = await person();
  await handle.db.update(users).set({ timeZone }).where(eq(users.id, created.id));
  return created;
};
const assignmentOf = async (userId: string, courseId: string) =>
  (
    await handle.db
      .select()
      .from(assignments)
      .where(and(eq(assignments.userId, userId), eq(assignments.courseId, courseId)))
  )[0];
const countOf = async (table: typeof notifications | typeof mailOutbox, userId: string) =>
  (await handle.db.select().from(table).where(eq(table.userId, userId))).length;
/** The learner's today + N, as the database sees it now (the membership paths take the real clock). */
const dueIn = async (timeZone: string, days: number) =>
  (await queryRows<{ day: string }>(handle.db, sql`select ((now() at time zone ${timeZone})::date + ${days}::int)::text as day`))[0]!.day;

type RuleOptions = { deadline?: Deadline; onRemoval?: "keep" | "waive"; keepApplying?: boolean };

/** A group carrying a rule for a fresh course, as the wizard leaves it. */
async function groupWithRule(options: RuleOptions & { members?: TestPerson[]; visibility?: "public" | "private"; courseId?: string } = {}) {
  const courseId = options.courseId ?? (await createCourse(handle.db, acmeId, "Compliance")).id;
  const group = await createGroup(handle.db, admin, { members: options.members, visibility: options.visibility ?? "public" });
  const { result } = await assignCourse(handle.db, admin, {
    courseId,
    selection: { mode: "group", groupId: group.id, keepApplying: options.keepApplying ?? true, onRemoval: options.onRemoval ?? "keep" },
    deadline: options.deadline ?? { kind: "relative", days: 14 },
    reminderDays: [-7, -1, 1],
    operationId: opId(),
  });
  return { group, courseId, ruleId: result.ruleId };
}

describe("late joiners get the group's assignment", () => {
  it("added individually: N days after joining in the learner's own zone, notified and mailed once", async () => {
    const { group, courseId, ruleId } = await groupWithRule();
    const [kiwi, berliner] = [await inZone("Pacific/Auckland"), await person()];
    const outcome = await addMembers(handle.db, admin, {
      groupId: group.id,
      selection: { mode: "people", userIds: [kiwi.id, berliner.id] },
      operationId: opId(),
    });
    expect(await assignmentOf(kiwi.id, courseId)).toMatchObject({
      source: "rule",
      ruleId,
      groupId: group.id,
      status: "open",
      dueOn: await dueIn("Pacific/Auckland", 14),
      assignedBy: admin.id,
    });
    expect(await assignmentOf(berliner.id, courseId)).toMatchObject({ dueOn: await dueIn("Europe/Berlin", 14) });
    expect(await countOf(notifications, kiwi.id)).toBe(1); // "assigned"
    expect(await countUnreadNotifications(handle.db, kiwi)).toBe(2); // and "added to the group", the membership's notice
    expect(await handle.db.select().from(mailOutbox).where(eq(mailOutbox.userId, kiwi.id))).toMatchObject([
      { template: "assignment.assigned" },
    ]);
    // One live event per newcomer: "added", "assigned" and "assignments changed" together.
    // As the publisher sends it: the add's newcomers found in the ledger (all of them: nobody is online to ask about).
    const everyone = async () => null;
    const kiwiNews = mergeNews(await reachNewcomers(outcome.events!, handle.db, everyone)).filter((event) =>
      event.channels.includes(userChannel(kiwi.id)),
    );
    expect(kiwiNews).toMatchObject([
      {
        event: realtimeEvents.news,
        data: { notifications: [{ type: "group.added" }, { type: "assignment.assigned" }], assignments: true },
      },
    ]);
  });

  it("added by department", async () => {
    const { group, courseId } = await groupWithRule();
    const department = await createDepartment(handle.db, acmeId, "Warehouse");
    const staff = [await person({ departmentId: department.id }), await person({ departmentId: department.id })];
    await addMembers(handle.db, admin, {
      groupId: group.id,
      selection: { mode: "departments", departmentIds: [department.id] },
      operationId: opId(),
    });
    for (const member of staff)
      expect(await assignmentOf(member.id, courseId)).toMatchObject({ source: "rule", dueOn: await dueIn("Europe/Berlin", 14) });
  });

  it("moved in from another group", async () => {
    const { group, courseId } = await groupWithRule();
    const mover = await inZone("Pacific/Auckland");
    const source = await createGroup(handle.db, admin, { members: [mover], visibility: "public" });
    await moveMembers(handle.db, admin, { groupId: source.id, targetGroupId: group.id, userIds: [mover.id], operationId: opId() });
    expect(await assignmentOf(mover.id, courseId)).toMatchObject({
      source: "rule",
      groupId: group.id,
      dueOn: await dueIn("Pacific/Auckland", 14),
    });
  });

  it("joining a public group by oneself", async () => {
    const { group, courseId } = await groupWithRule();
    const joiner = await person();
    const outcome = await joinGroup(handle.db, joiner, { groupId: group.id, operationId: opId() });
    expect(await assignmentOf(joiner.id, courseId)).toMatchObject({ source: "rule", dueOn: await dueIn("Europe/Berlin", 14) });
    expect(assignmentsChanged(outcome.events!)).toEqual([userChannel(joiner.id)]);
    // The rule's author is named in the notice, not the joiner.
    const [notice] = await handle.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, joiner.id), eq(notifications.type, "assignment.assigned")));
    expect(notice!.payload).toMatchObject({ actorName: "Ada Admin" });
  });

  it("a fixed-date rule gives its date; one already passed still applies (overdue at once)", async () => {
    const { group, courseId, ruleId } = await groupWithRule({ deadline: { kind: "date", dueOn: "2099-12-31" } });
    const early = await person();
    await addMembers(handle.db, admin, { groupId: group.id, selection: { mode: "people", userIds: [early.id] }, operationId: opId() });
    expect(await assignmentOf(early.id, courseId)).toMatchObject({ dueOn: "2099-12-31" });
    await handle.db.update(assignmentRules).set({ dueOn: "2020-01-01" }).where(eq(assignmentRules.id, ruleId!));
    const late = await person();
    await addMembers(handle.db, admin, { groupId: group.id, selection: { mode: "people", userIds: [late.id] }, operationId: opId() });
    const overdue = await assignmentOf(late.id, courseId);
    expect(overdue).toMatchObject({ dueOn: "2020-01-01", status: "open", nextReminderAt: null });
    expect(overdue!.dueAt.getTime()).toBeLessThan(Date.now());
  });

  it("someone already assigned the course keeps theirs", async () => {
    const { group, courseId } = await groupWithRule();
    const already = await person();
    await assignPerson(handle.db, admin, {
      personId: already.id,
      courseId,
      deadline: { kind: "date", dueOn: "2099-01-01" },
      reminderDays: [],
      operationId: opId(),
    });
    await addMembers(handle.db, admin, { groupId: group.id, selection: { mode: "people", userIds: [already.id] }, operationId: opId() });
    expect(await assignmentOf(already.id, courseId)).toMatchObject({ source: "direct", dueOn: "2099-01-01" });
    expect(await countOf(mailOutbox, already.id)).toBe(1);
  });

  it("an archived group's rule is paused, and applies again once the group is restored", async () => {
    const { group, courseId } = await groupWithRule();
    const newcomer = await person();
    await handle.db.execute(sql`update learning_groups set archived_at = now() where id = ${group.id}`);
    // As if an add had written the newcomer's ledger row: the rule reads its batch.
    const [at, batchId] = [new Date(), opId()];
    await handle.db.insert(membershipEvents).values({
      companyId: acmeId,
      groupId: group.id,
      userId: newcomer.id,
      kind: "added",
      actorId: admin.id,
      source: "individual",
      batchId,
      at,
    });
    const paused = await handle.db.transaction((tx) => applyGroupRules(tx, admin, group.id, at, batchId));
    expect(paused).toEqual([]);
    await handle.db.execute(sql`update learning_groups set archived_at = null where id = ${group.id}`);
    await addMembers(handle.db, admin, { groupId: group.id, selection: { mode: "people", userIds: [newcomer.id] }, operationId: opId() });
    expect(await assignmentOf(newcomer.id, courseId)).toMatchObject({ source: "rule" });
  });
});

describe("leaving the group: keep or waive", () => {
  const remove = (groupId: string, who: TestPerson, onAssignments?: "keep" | "waive") =>
    removeMembers(handle.db, admin, { groupId, userIds: [who.id], operationId: opId(), onAssignments });

  it("removed: the rule decides, unless the dialog overrides it", async () => {
    const [a, b, c, d] = [await person(), await person(), await person(), await person()];
    const keeping = await groupWithRule({ members: [a, b], onRemoval: "keep" });
    const waiving = await groupWithRule({ members: [c, d], onRemoval: "waive" });
    await remove(keeping.group.id, a);
    expect(await assignmentOf(a.id, keeping.courseId)).toMatchObject({ status: "open" });
    const outcome = await remove(keeping.group.id, b, "waive");
    expect(await assignmentOf(b.id, keeping.courseId)).toMatchObject({ status: "waived", waivedReason: "removed", nextReminderAt: null });
    expect(assignmentsChanged(outcome.events!)).toEqual([userChannel(b.id)]);
    await remove(waiving.group.id, c);
    expect(await assignmentOf(c.id, waiving.courseId)).toMatchObject({ status: "waived", waivedReason: "removed" });
    await remove(waiving.group.id, d, "keep");
    expect(await assignmentOf(d.id, waiving.courseId)).toMatchObject({ status: "open" });
  });

  it("an assignment by the group without a rule stays unless waived in the dialog; other assignments are never touched", async () => {
    const [a, b] = [await person(), await person()];
    const { group, courseId } = await groupWithRule({ members: [a, b], keepApplying: false });
    const other = await createCourse(handle.db, acmeId);
    await assignPerson(handle.db, admin, {
      personId: b.id,
      courseId: other.id,
      deadline: { kind: "relative", days: 9 },
      reminderDays: [],
      operationId: opId(),
    });
    await remove(group.id, a);
    expect(await assignmentOf(a.id, courseId)).toMatchObject({ status: "open" });
    await remove(group.id, b, "waive");
    expect(await assignmentOf(b.id, courseId)).toMatchObject({ status: "waived" });
    expect(await assignmentOf(b.id, other.id)).toMatchObject({ status: "open" });
  });

  it("moved out: the source's rule applies, unless the target's rule names the same course", async () => {
    const [a, b] = [await person(), await person()];
    const { group, courseId } = await groupWithRule({ members: [a, b], onRemoval: "waive" });
    const plain = await createGroup(handle.db, admin, { visibility: "public" });
    const sameCourse = await groupWithRule({ courseId, onRemoval: "keep" });
    await moveMembers(handle.db, admin, { groupId: group.id, targetGroupId: plain.id, userIds: [a.id], operationId: opId() });
    expect(await assignmentOf(a.id, courseId)).toMatchObject({ status: "waived", waivedReason: "removed" });
    await moveMembers(handle.db, admin, { groupId: group.id, targetGroupId: sameCourse.group.id, userIds: [b.id], operationId: opId() });
    expect(await assignmentOf(b.id, courseId)).toMatchObject({ status: "open", groupId: group.id });
  });

  it("left by oneself: the rule applies; still in another active group with a rule for the course, it is kept", async () => {
    const [a, b] = [await person(), await person()];
    const { group, courseId } = await groupWithRule({ members: [a, b], onRemoval: "waive" });
    await groupWithRule({ members: [b], courseId });
    await leaveGroup(handle.db, a, { groupId: group.id, operationId: opId() });
    expect(await assignmentOf(a.id, courseId)).toMatchObject({ status: "waived" });
    await leaveGroup(handle.db, b, { groupId: group.id, operationId: opId() });
    expect(await assignmentOf(b.id, courseId)).toMatchObject({ status: "open" });
  });

  it("deactivation waives every open assignment of the person; done ones stay", async () => {
    const leaver = await person();
    const { courseId } = await groupWithRule({ members: [leaver], onRemoval: "keep" });
    const direct = await createCourse(handle.db, acmeId);
    await assignPerson(handle.db, admin, {
      personId: leaver.id,
      courseId: direct.id,
      deadline: { kind: "relative", days: 3 },
      reminderDays: [],
      operationId: opId(),
    });
    await handle.db
      .update(assignments)
      .set({ status: "done", completedAt: new Date(), nextReminderAt: null })
      .where(and(eq(assignments.userId, leaver.id), eq(assignments.courseId, direct.id)));
    await deactivatePerson(handle.db, admin, { personId: leaver.id, operationId: opId() });
    expect(await assignmentOf(leaver.id, courseId)).toMatchObject({ status: "waived", waivedReason: "deactivated", nextReminderAt: null });
    expect(await assignmentOf(leaver.id, direct.id)).toMatchObject({ status: "done" });
  });

  it("deleting the group ends its rules and leaves the assignments, without the group reference", async () => {
    const member = await person();
    const { group, courseId } = await groupWithRule({ members: [member] });
    await deleteGroup(handle.db, admin, { groupId: group.id, operationId: opId(), confirmName: group.name });
    expect(await handle.db.select().from(assignmentRules).where(eq(assignmentRules.groupId, group.id))).toHaveLength(0);
    expect(await assignmentOf(member.id, courseId)).toMatchObject({ status: "open", groupId: null, ruleId: null });
  });

  it("deleting a person or a course takes the mail queued for them (statement triggers, no keys)", async () => {
    const [leaving, staying] = [await person(), await person()];
    const course = await createCourse(handle.db, acmeId);
    const other = await createCourse(handle.db, acmeId);
    for (const [who, what] of [
      [leaving, course],
      [staying, course],
      [staying, other],
    ] as const) {
      await assignPerson(handle.db, admin, {
        personId: who.id,
        courseId: what.id,
        deadline: { kind: "relative", days: 5 },
        reminderDays: [],
        operationId: opId(),
      });
    }
    const queued = async (userId: string) => (await handle.db.select().from(mailOutbox).where(eq(mailOutbox.userId, userId))).length;
    expect([await queued(leaving.id), await queued(staying.id)]).toEqual([1, 2]);
    await handle.db.delete(users).where(eq(users.id, leaving.id));
    await handle.db.execute(sql`delete from courses where id = ${course.id}`);
    expect([await queued(leaving.id), await queued(staying.id)]).toEqual([0, 1]);
  });

  it("deleting the admin who assigned leaves the assignment, without who assigned it", async () => {
    const assigner = await createPerson(handle.db, acmeId, { roles: ["admin"], name: "Temporary Admin" });
    const member = await person();
    const course = await createCourse(handle.db, acmeId);
    await assignPerson(handle.db, assigner, {
      personId: member.id,
      courseId: course.id,
      deadline: { kind: "relative", days: 5 },
      reminderDays: [],
      operationId: opId(),
    });
    expect(await assignmentOf(member.id, course.id)).toMatchObject({ assignedBy: assigner.id });
    await handle.db.delete(users).where(eq(users.id, assigner.id));
    expect(await assignmentOf(member.id, course.id)).toMatchObject({ status: "open", assignedBy: null });
  });
});

describe("completing the course", () => {
  it("marks the open assignment done and leaves nothing to send", async () => {
    const learner = await person();
    const course = await createCourse(handle.db, acmeId);
    const [lesson] = await createLessons(handle.db, course, [null]);
    await assignPerson(handle.db, admin, {
      personId: learner.id,
      courseId: course.id,
      deadline: { kind: "relative", days: 30 },
      reminderDays: [-7, -1, 1],
      operationId: opId(),
    });
    expect((await assignmentOf(learner.id, course.id))!.nextReminderAt).not.toBeNull();
    const at = new Date();
    const outcome = await completeLesson(handle.db, learner, { lessonId: lesson!.id, operationId: opId() }, { now: at });
    expect(await assignmentOf(learner.id, course.id)).toMatchObject({ status: "done", completedAt: at, nextReminderAt: null });
    expect(assignmentsChanged(outcome.events!)).toEqual([userChannel(learner.id)]);
  });

  it("a re-import that finishes people (a retired last lesson) marks their assignments done in one go", async () => {
    const file = (keys: string[]) =>
      JSON.stringify({
        key: "assigned-import",
        title: "Imported",
        lessons: keys.map((key) => ({ key, title: `Lesson ${key}`, content: `${key}.` })),
      });
    const created = await importCourse(handle.db, admin, { file: file(["a", "b"]), operationId: opId() });
    if (created.result.status !== "imported") throw new Error("not imported");
    const courseId = created.result.summary.courseId;
    const learners = [await person(), await person()];
    const [lessonA] = await queryRows<{ id: string }>(handle.db, sql`select id from lessons where course_id = ${courseId} and key = 'a'`);
    for (const learner of learners) {
      await assignPerson(handle.db, admin, {
        personId: learner.id,
        courseId,
        deadline: { kind: "relative", days: 30 },
        reminderDays: [-1],
        operationId: opId(),
      });
      await completeLesson(handle.db, learner, { lessonId: lessonA!.id, operationId: opId() });
    }
    const outcome = await importCourse(handle.db, admin, { file: file(["a"]), operationId: opId() });
    for (const learner of learners)
      expect(await assignmentOf(learner.id, courseId)).toMatchObject({ status: "done", nextReminderAt: null });
    expect(assignmentsChanged(outcome.events!)).toEqual(expect.arrayContaining(learners.map((learner) => userChannel(learner.id))));
  });
});
