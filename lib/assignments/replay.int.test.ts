import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, it } from "vitest";
import { assignmentReminders, assignmentRules, assignments, auditLog } from "@/db/schema";
import { createAssignment } from "@/tests/assignments";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createCourse, createGroup, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { expectOneEffect, type ReplayCase } from "@/tests/replay";
import { sendReminderBatch } from "./operations/send-reminder-batch";
import { assignCourse } from "./operations/assign-course";
import { assignPerson } from "./operations/assign-person";
import { endGroupRule } from "./operations/end-group-rule";

let handle: TestDatabase;
let companyId: string;
let admin: TestPerson;

const NOW = new Date("2026-06-10T13:30:00Z");
const TERMS = { deadline: { kind: "date" as const, dueOn: "2026-07-01" }, reminderDays: [-7, -1, 1] };

beforeAll(async () => {
  handle = await createTestDatabase();
  companyId = (await createCompany(handle.db, "Acme")).id;
  admin = await createPerson(handle.db, companyId, { roles: ["admin"] });
});
afterAll(() => handle.close());

/** A course and a learner; between the calls the learner's assignment is gone, so a second run would assign again. */
async function assignable() {
  const learner = await createPerson(handle.db, companyId);
  const course = await createCourse(handle.db, companyId);
  const theirs = eq(assignments.userId, learner.id);
  return {
    learner,
    course,
    disturb: async () => {
      await handle.db.delete(assignments).where(theirs);
    },
    observe: () => handle.db.select({ id: assignments.id }).from(assignments).where(theirs),
  };
}

const cases: ReplayCase[] = [
  {
    name: "assignment.assign",
    prepare: async () => {
      const { learner, course, disturb, observe } = await assignable();
      const input = {
        ...TERMS,
        courseId: course.id,
        selection: { mode: "individuals" as const, userIds: [learner.id] },
        operationId: opId(),
      };
      return { call: () => assignCourse(handle.db, admin, input, { now: NOW }), disturb, observe };
    },
  },
  {
    name: "assignment.assignPerson",
    prepare: async () => {
      const { learner, course, disturb, observe } = await assignable();
      const input = { ...TERMS, courseId: course.id, personId: learner.id, operationId: opId() };
      return { call: () => assignPerson(handle.db, admin, input, { now: NOW }), disturb, observe };
    },
  },
  {
    name: "assignment.rule_end",
    prepare: async () => {
      const course = await createCourse(handle.db, companyId);
      const group = await createGroup(handle.db, admin);
      const selection = { mode: "group" as const, groupId: group.id, keepApplying: true, onRemoval: "keep" as const };
      const { result } = await assignCourse(
        handle.db,
        admin,
        { ...TERMS, courseId: course.id, selection, operationId: opId() },
        { now: NOW },
      );
      const [rule] = await handle.db.select().from(assignmentRules).where(eq(assignmentRules.id, result.ruleId!));
      const input = { ruleId: rule!.id, operationId: opId() };
      return {
        call: () => endGroupRule(handle.db, admin, input),
        // The rule is back: a second run would end it again.
        disturb: async () => {
          await handle.db.insert(assignmentRules).values(rule!);
        },
        observe: async () => ({
          rule: await handle.db.select({ id: assignmentRules.id }).from(assignmentRules).where(eq(assignmentRules.groupId, group.id)),
          audit: await handle.db
            .select({ id: auditLog.id })
            .from(auditLog)
            .where(sql`${auditLog.action} = 'assignment.rule_ended' and ${auditLog.targetId} = ${group.id}`),
        }),
      };
    },
  },
  {
    name: "assignment.reminders (the scheduler's system actor)",
    prepare: async () => {
      const learner = await createPerson(handle.db, companyId);
      const course = await createCourse(handle.db, companyId);
      const { id } = await createAssignment(handle.db, {
        companyId,
        userId: learner.id,
        courseId: course.id,
        dueOn: "2026-03-20",
        assignedAt: new Date("2026-03-01T10:00:00Z"),
      });
      const scheduler = { userId: "", companyId, roles: [], actor: { kind: "system", job: "reminders" } } as const;
      const input = { operationId: opId(), batchSize: 1_000 };
      const theirs = eq(assignmentReminders.assignmentId, id);
      return {
        call: () => sendReminderBatch(handle.db, scheduler, input, { now: new Date("2026-03-13T08:00:00Z") }),
        // Due again, with no reminder written: a second run would write and notify it once more.
        disturb: async () => {
          await handle.db.delete(assignmentReminders).where(theirs);
          await handle.db
            .update(assignments)
            .set({ nextReminderAt: new Date("2026-03-13T08:00:00Z") })
            .where(eq(assignments.id, id));
        },
        observe: () => handle.db.select({ offset: assignmentReminders.offsetDays }).from(assignmentReminders).where(theirs),
      };
    },
  },
];

describe("the same operation id twice does the work once", () => {
  it.each(cases.map((replay) => [replay.name, replay] as const))("%s", (_name, replay) => expectOneEffect(replay));
});
