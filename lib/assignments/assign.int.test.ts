import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { assignmentRules, assignments, auditLog, courseProgress, mailOutbox, notifications, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createCourse, createDepartment, createGroup, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { assignCourse } from "./operations/assign-course";
import { assignPerson } from "./operations/assign-person";
import { endGroupRule } from "./operations/end-group-rule";
import { listGroupRules, previewAssignment } from "./queries";
import { requireGroupAccess } from "@/lib/group-access/access";

let handle: TestDatabase;
let acmeId: string;
let admin: TestPerson;
let learner: TestPerson;
let hrStaff: TestPerson;
let outsider: TestPerson;
let outsiderAdmin: TestPerson;
let foreignCourseId: string;

/** 2026-06-10 13:30 UTC: already 11 June (01:30) in Auckland, still 10 June (15:30) in Berlin. */
const NOW = new Date("2026-06-10T13:30:00Z");
const DEFAULTS = { reminderDays: [-7, -1, 1] };

beforeAll(async () => {
  handle = await createTestDatabase();
  const acme = await createCompany(handle.db, "Acme");
  acmeId = acme.id;
  const globex = await createCompany(handle.db, "Globex");
  admin = await createPerson(handle.db, acme.id, { roles: ["admin"], name: "Ada Admin" });
  learner = await createPerson(handle.db, acme.id);
  hrStaff = await createPerson(handle.db, acme.id, { roles: ["hr"] });
  outsider = await createPerson(handle.db, globex.id);
  outsiderAdmin = await createPerson(handle.db, globex.id, { roles: ["admin"] });
  foreignCourseId = (await createCourse(handle.db, globex.id, "Their course")).id;
});
afterAll(() => handle.close());

const people = (count: number, options: Parameters<typeof createPerson>[2] = {}) =>
  Promise.all(Array.from({ length: count }, () => createPerson(handle.db, acmeId, options)));
const assignmentsOf = (courseId: string) =>
  handle.db.select().from(assignments).where(eq(assignments.courseId, courseId)).orderBy(assignments.userId);
const notificationsOf = (userId: string) =>
  handle.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.type, "assignment.assigned")));
const mailsOf = (userId: string) =>
  handle.db
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.userId, userId), eq(mailOutbox.template, "assignment.assigned")));
const individuals = (who: TestPerson[]) => ({ mode: "individuals" as const, userIds: who.map((p) => p.id) });
const setZone = (person: TestPerson, timeZone: string | null) => handle.db.update(users).set({ timeZone }).where(eq(users.id, person.id));

async function codeOf(attempt: Promise<unknown>) {
  try {
    await attempt;
    return "ok";
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

describe("assigning individuals", () => {
  it("assigns each active person once, with a notification and a mail each, and counts the kept and skipped", async () => {
    const course = await createCourse(handle.db, acmeId, "Safety first");
    const [a, b, kept, gone] = await people(4);
    await handle.db.update(users).set({ deactivatedAt: NOW }).where(eq(users.id, gone!.id));
    await assignCourse(
      handle.db,
      admin,
      {
        courseId: course.id,
        selection: individuals([kept!]),
        deadline: { kind: "date", dueOn: "2026-07-01" },
        ...DEFAULTS,
        operationId: opId(),
      },
      { now: NOW },
    );

    const input = {
      courseId: course.id,
      selection: individuals([a!, b!, kept!, gone!, outsider]),
      deadline: { kind: "date" as const, dueOn: "2026-12-31" },
      ...DEFAULTS,
      operationId: opId(),
    };
    const preview = await previewAssignment(handle.db, admin, input, NOW);
    expect(preview).toEqual({ selected: 4, toAssign: 2, alreadyAssigned: 1, alreadyCompleted: 0, deactivated: 1, ruleExists: null });

    const outcome = await assignCourse(handle.db, admin, input, { now: NOW });
    expect(outcome.result).toEqual({ assigned: 2, alreadyAssigned: 1, alreadyCompleted: 0, deactivated: 1, ruleId: null });
    const rows = await assignmentsOf(course.id);
    expect(rows).toHaveLength(3);
    const fresh = rows.filter((row) => row.batchId !== rows.find((r) => r.userId === kept!.id)!.batchId);
    expect(fresh.map((row) => row.userId).sort()).toEqual([a!.id, b!.id].sort());
    for (const row of fresh) {
      expect(row).toMatchObject({ status: "open", source: "bulk", groupId: null, ruleId: null, dueOn: "2026-12-31", assignedBy: admin.id });
      // Berlin in winter is UTC+1: 23:59 on 31 December ends at 23:00 UTC.
      expect(row.dueAt.toISOString()).toBe("2026-12-31T23:00:00.000Z");
      // The first reminder, 7 days before at 09:00 Berlin.
      expect(row.nextReminderAt!.toISOString()).toBe("2026-12-24T08:00:00.000Z");
      const [notice] = await notificationsOf(row.userId);
      expect(notice!.payload).toEqual({ courseTitle: "Safety first", courseId: course.id, dueOn: "2026-12-31", actorName: "Ada Admin" });
      const mails = await mailsOf(row.userId);
      expect(mails).toHaveLength(1);
      expect(mails[0]).toMatchObject({ assignmentId: row.id, payload: notice!.payload });
    }
    expect(await notificationsOf(kept!.id)).toHaveLength(1);
    expect(await notificationsOf(gone!.id)).toHaveLength(0);
    // One notification event for everyone (same content), and one "assignments changed" to their channels.
    expect(outcome.events).toHaveLength(2);
    expect(outcome.events![0]!.channels).toHaveLength(2);
    expect(outcome.events![1]).toMatchObject({ event: "personal.news", data: { notifications: [], assignments: true } });
    const audit = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, course.id), eq(auditLog.action, "assignment.assigned")));
    expect(audit).toHaveLength(2);
  });

  it("a replay of the same operation answers the first result and writes nothing more", async () => {
    const course = await createCourse(handle.db, acmeId);
    const [a] = await people(1);
    const input = {
      courseId: course.id,
      selection: individuals([a!]),
      deadline: { kind: "relative" as const, days: 30 },
      ...DEFAULTS,
      operationId: opId(),
    };
    const first = await assignCourse(handle.db, admin, input, { now: NOW });
    const again = await assignCourse(handle.db, admin, input, { now: NOW });
    expect(again.result).toEqual(first.result);
    expect(again.events).toBeUndefined();
    expect(await assignmentsOf(course.id)).toHaveLength(1);
    expect(await notificationsOf(a!.id)).toHaveLength(1);
    expect(await mailsOf(a!.id)).toHaveLength(1);
  });

  it("someone who finished the course before gets it recorded as done, at their completion, without a notice", async () => {
    const course = await createCourse(handle.db, acmeId);
    const [finished] = await people(1);
    const completedAt = new Date("2026-03-01T10:00:00Z");
    await handle.db
      .insert(courseProgress)
      .values({ companyId: acmeId, userId: finished!.id, courseId: course.id, percent: 100, completedAt });
    const input = {
      courseId: course.id,
      selection: individuals([finished!]),
      deadline: { kind: "relative" as const, days: 30 },
      ...DEFAULTS,
      operationId: opId(),
    };
    expect((await previewAssignment(handle.db, admin, input, NOW)).alreadyCompleted).toBe(1);
    const outcome = await assignCourse(handle.db, admin, input, { now: NOW });
    expect(outcome.result).toMatchObject({ assigned: 0, alreadyCompleted: 1 });
    expect(await assignmentsOf(course.id)).toMatchObject([{ status: "done", completedAt, nextReminderAt: null }]);
    expect(await notificationsOf(finished!.id)).toHaveLength(0);
    expect(await mailsOf(finished!.id)).toHaveLength(0);
  });

  it("a relative deadline counts from the learner's own today: Auckland is a day ahead of Berlin near midnight", async () => {
    const course = await createCourse(handle.db, acmeId);
    const [berlin, auckland] = await people(2);
    await setZone(auckland!, "Pacific/Auckland");
    await assignCourse(
      handle.db,
      admin,
      {
        courseId: course.id,
        selection: individuals([berlin!, auckland!]),
        deadline: { kind: "relative", days: 14 },
        ...DEFAULTS,
        operationId: opId(),
      },
      { now: NOW },
    );
    const rows = await assignmentsOf(course.id);
    const byUser = new Map(rows.map((row) => [row.userId, row]));
    expect(byUser.get(berlin!.id)).toMatchObject({ dueOn: "2026-06-24" });
    expect(byUser.get(auckland!.id)).toMatchObject({ dueOn: "2026-06-25" });
    // Each deadline ends at the learner's own midnight: 22:00 UTC in Berlin's summer, 12:00 UTC in Auckland's winter.
    expect(byUser.get(berlin!.id)!.dueAt.toISOString()).toBe("2026-06-24T22:00:00.000Z");
    expect(byUser.get(auckland!.id)!.dueAt.toISOString()).toBe("2026-06-25T12:00:00.000Z");
  });

  it("a fixed date before today is refused with its own error, and nothing is written", async () => {
    const course = await createCourse(handle.db, acmeId);
    const [a] = await people(1);
    const input = {
      courseId: course.id,
      selection: individuals([a!]),
      deadline: { kind: "date" as const, dueOn: "2026-06-09" },
      ...DEFAULTS,
      operationId: opId(),
    };
    expect(await codeOf(assignCourse(handle.db, admin, input, { now: NOW }))).toBe("assignment_date_past");
    expect(await codeOf(previewAssignment(handle.db, admin, input, NOW))).toBe("assignment_date_past");
    // Today itself is fine.
    expect(
      await codeOf(
        assignCourse(handle.db, admin, { ...input, deadline: { kind: "date", dueOn: "2026-06-10" }, operationId: opId() }, { now: NOW }),
      ),
    ).toBe("ok");
    expect(await assignmentsOf(course.id)).toHaveLength(1);
  });

  it("reminders already in the past are never sent: next_reminder_at is the first one still ahead", async () => {
    const course = await createCourse(handle.db, acmeId);
    const [a] = await people(1);
    // Due in 3 days: the 7-days-before reminder has passed, the 1-day-before one (12 June, 09:00 Berlin) is next.
    await assignCourse(
      handle.db,
      admin,
      {
        courseId: course.id,
        selection: individuals([a!]),
        deadline: { kind: "date", dueOn: "2026-06-13" },
        ...DEFAULTS,
        operationId: opId(),
      },
      { now: NOW },
    );
    expect((await assignmentsOf(course.id))[0]!.nextReminderAt!.toISOString()).toBe("2026-06-12T07:00:00.000Z");
  });
});

describe("assigning a department", () => {
  it("assigns the department's active people", async () => {
    const course = await createCourse(handle.db, acmeId);
    const department = await createDepartment(handle.db, acmeId, `Sales ${randomUUID().slice(0, 4)}`);
    const staff = await people(3, { departmentId: department.id });
    await people(1, { departmentId: department.id, deactivated: true });
    const outcome = await assignCourse(
      handle.db,
      admin,
      {
        courseId: course.id,
        selection: { mode: "department", departmentId: department.id },
        deadline: { kind: "relative", days: 10 },
        ...DEFAULTS,
        operationId: opId(),
      },
      { now: NOW },
    );
    expect(outcome.result).toEqual({ assigned: 3, alreadyAssigned: 0, alreadyCompleted: 0, deactivated: 1, ruleId: null });
    expect((await assignmentsOf(course.id)).map((row) => row.userId).sort()).toEqual(staff.map((p) => p.id).sort());
  });
});

describe("assigning a learning group", () => {
  it("assigns the current members and stores a rule; the preview then says a rule exists", async () => {
    const course = await createCourse(handle.db, acmeId);
    const members = await people(2);
    const group = await createGroup(handle.db, admin, { members });
    const input = {
      courseId: course.id,
      selection: { mode: "group" as const, groupId: group.id, keepApplying: true, onRemoval: "waive" as const },
      deadline: { kind: "relative" as const, days: 21 },
      ...DEFAULTS,
      operationId: opId(),
    };
    expect((await previewAssignment(handle.db, admin, input, NOW)).ruleExists).toBe(false);
    const outcome = await assignCourse(handle.db, admin, input, { now: NOW });
    expect(outcome.result).toMatchObject({ assigned: 2 });
    const [rule] = await handle.db.select().from(assignmentRules).where(eq(assignmentRules.groupId, group.id));
    expect(rule).toMatchObject({
      id: outcome.result.ruleId,
      courseId: course.id,
      dueOn: null,
      dueAfterDays: 21,
      onRemoval: "waive",
      reminderDays: [-7, -1, 1],
    });
    expect(await assignmentsOf(course.id)).toMatchObject([
      { source: "bulk", groupId: group.id, ruleId: rule!.id },
      { source: "bulk", groupId: group.id, ruleId: rule!.id },
    ]);
    expect((await previewAssignment(handle.db, admin, input, NOW)).ruleExists).toBe(true);
    expect(await listGroupRules(handle.db, admin, await requireGroupAccess(handle.db, admin, group.id))).toMatchObject([
      { id: rule!.id, courseTitle: course.title, dueAfterDays: 21 },
    ]);
  });

  it("without 'keep applying' no rule is stored", async () => {
    const course = await createCourse(handle.db, acmeId);
    const group = await createGroup(handle.db, admin, { members: await people(1) });
    const outcome = await assignCourse(
      handle.db,
      admin,
      {
        courseId: course.id,
        selection: { mode: "group", groupId: group.id, keepApplying: false, onRemoval: "keep" },
        deadline: { kind: "relative", days: 5 },
        ...DEFAULTS,
        operationId: opId(),
      },
      { now: NOW },
    );
    expect(outcome.result).toMatchObject({ assigned: 1, ruleId: null });
    expect(await handle.db.select().from(assignmentRules).where(eq(assignmentRules.groupId, group.id))).toHaveLength(0);
  });

  it("an archived group is refused", async () => {
    const course = await createCourse(handle.db, acmeId);
    const group = await createGroup(handle.db, admin, { members: await people(1) });
    await handle.db.execute(sql`update learning_groups set archived_at = now() where id = ${group.id}`);
    const input = {
      courseId: course.id,
      selection: { mode: "group" as const, groupId: group.id, keepApplying: true, onRemoval: "keep" as const },
      deadline: { kind: "relative" as const, days: 5 },
      ...DEFAULTS,
      operationId: opId(),
    };
    expect(await codeOf(assignCourse(handle.db, admin, input, { now: NOW }))).toBe("group_archived");
    expect(await assignmentsOf(course.id)).toHaveLength(0);
  });

  it("ending a rule keeps the assignments it gave, and is audited", async () => {
    const course = await createCourse(handle.db, acmeId);
    const group = await createGroup(handle.db, admin, { members: await people(1) });
    const { result } = await assignCourse(
      handle.db,
      admin,
      {
        courseId: course.id,
        selection: { mode: "group", groupId: group.id, keepApplying: true, onRemoval: "keep" },
        deadline: { kind: "relative", days: 5 },
        ...DEFAULTS,
        operationId: opId(),
      },
      { now: NOW },
    );
    await endGroupRule(handle.db, admin, { ruleId: result.ruleId!, operationId: opId() });
    expect(await listGroupRules(handle.db, admin, await requireGroupAccess(handle.db, admin, group.id))).toEqual([]);
    expect(await assignmentsOf(course.id)).toMatchObject([{ status: "open", groupId: group.id, ruleId: null }]);
    expect(await codeOf(endGroupRule(handle.db, admin, { ruleId: result.ruleId!, operationId: opId() }))).toBe("assignment_rule_not_found");
    const audit = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, group.id), eq(auditLog.action, "assignment.rule_ended")));
    expect(audit).toHaveLength(1);
  });
});

describe("the person page", () => {
  it("assigns one person directly", async () => {
    const course = await createCourse(handle.db, acmeId);
    const [a] = await people(1);
    const outcome = await assignPerson(
      handle.db,
      admin,
      { personId: a!.id, courseId: course.id, deadline: { kind: "relative", days: 7 }, ...DEFAULTS, operationId: opId() },
      { now: NOW },
    );
    expect(outcome.result).toMatchObject({ assigned: 1 });
    expect(await assignmentsOf(course.id)).toMatchObject([{ userId: a!.id, source: "direct", dueOn: "2026-06-17" }]);
  });

  it("names a deactivated person or someone of another company as an error", async () => {
    const course = await createCourse(handle.db, acmeId);
    const [gone] = await people(1, { deactivated: true });
    const base = { courseId: course.id, deadline: { kind: "relative" as const, days: 7 }, ...DEFAULTS };
    expect(await codeOf(assignPerson(handle.db, admin, { ...base, personId: gone!.id, operationId: opId() }, { now: NOW }))).toBe(
      "assignment_person_deactivated",
    );
    expect(await codeOf(assignPerson(handle.db, admin, { ...base, personId: outsider.id, operationId: opId() }, { now: NOW }))).toBe(
      "assignment_person_not_found",
    );
    expect(await assignmentsOf(course.id)).toHaveLength(0);
  });
});

describe("tenancy and permissions", () => {
  it("another company's course, department or group is not found, and nothing is written", async () => {
    const course = await createCourse(handle.db, acmeId);
    const theirGroup = await createGroup(handle.db, outsiderAdmin, { members: [outsider] });
    const theirDepartment = await createDepartment(handle.db, outsider.companyId, "Theirs");
    const deadline = { kind: "relative" as const, days: 5 };
    const run = (courseId: string, selection: Parameters<typeof assignCourse>[2]["selection"]) =>
      codeOf(assignCourse(handle.db, admin, { courseId, selection, deadline, ...DEFAULTS, operationId: opId() }, { now: NOW }));
    expect(await run(foreignCourseId, individuals([learner]))).toBe("course_not_found");
    expect(await run(course.id, { mode: "department", departmentId: theirDepartment.id })).toBe("department_not_found");
    expect(await run(course.id, { mode: "group", groupId: theirGroup.id, keepApplying: true, onRemoval: "keep" })).toBe(
      "assignment_group_not_found",
    );
    // Another company's person among the ids matches nobody.
    const outcome = await assignCourse(
      handle.db,
      admin,
      { courseId: course.id, selection: individuals([outsider]), deadline, ...DEFAULTS, operationId: opId() },
      { now: NOW },
    );
    expect(outcome.result).toMatchObject({ assigned: 0, alreadyAssigned: 0 });
    const written = await queryRows<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from assignments where user_id = ${outsider.id} or course_id = ${foreignCourseId}`,
    );
    expect(written[0]!.n).toBe(0);
    expect(await handle.db.select().from(assignmentRules).where(eq(assignmentRules.groupId, theirGroup.id))).toHaveLength(0);
  });

  it("learners and HR staff (outside their forms) are refused; HR's forms assign with source hr", async () => {
    const course = await createCourse(handle.db, acmeId);
    const [a] = await people(1);
    const input = () => ({
      courseId: course.id,
      selection: individuals([a!]),
      deadline: { kind: "relative" as const, days: 5 },
      ...DEFAULTS,
      operationId: opId(),
    });
    expect(await codeOf(assignCourse(handle.db, learner, input(), { now: NOW }))).toBe("forbidden");
    expect(await codeOf(assignCourse(handle.db, hrStaff, input(), { now: NOW }))).toBe("forbidden");
    expect(await codeOf(previewAssignment(handle.db, learner, input(), NOW))).toBe("forbidden");
    const group = await createGroup(handle.db, admin);
    expect(await codeOf(listGroupRules(handle.db, hrStaff, await requireGroupAccess(handle.db, hrStaff, group.id)))).toBe("forbidden");
    expect(await assignmentsOf(course.id)).toHaveLength(0);
    await assignCourse(handle.db, { ...hrStaff, actor: { kind: "hr" } }, input(), { now: NOW });
    expect(await assignmentsOf(course.id)).toMatchObject([{ source: "hr", assignedBy: hrStaff.id }]);
  });
});
