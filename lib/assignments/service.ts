import { randomUUID } from "node:crypto";
import { type SQL, sql } from "drizzle-orm";
import { type Database, type DatabaseOrTransaction, queryRows } from "@/db/client";
import { lockCompanyMembership } from "@/db/locks";
import type { AssignmentSource, LearningGroup, RemovalPolicy } from "@/db/schema";
import { uuidArray } from "@/db/sql";
import type { Ctx } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { assertActive, readGroup } from "@/lib/group-access/lock";
import { currentTime } from "@/base/clock";
import { type Committed, defineOperation, type Scope } from "@/lib/operations/kernel";
import { assertCan } from "@/lib/permissions";
import {
  type AssignCourseInput,
  type AssignmentSelection,
  assignCourseSchema,
  assignPersonSchema,
  type Deadline,
  endRuleSchema,
  type PreviewAssignmentInput,
} from "./schemas";
import { assignedEvents, insertAssignments, queuedMail } from "./writes";

export type AssignmentPreview = {
  /** People of the company the selection names. */
  selected: number;
  toAssign: number;
  /** They have an open or done assignment of the course already, and keep theirs. */
  alreadyAssigned: number;
  /** They finished the course before: the assignment is recorded as done, and they are not notified. */
  alreadyCompleted: number;
  /** Deactivated people are skipped. */
  deactivated: number;
  /** For a selection by group: whether the group already has a rule for this course (Confirm replaces its terms). */
  ruleExists: boolean | null;
};

export type AssignResult = {
  assigned: number;
  alreadyAssigned: number;
  alreadyCompleted: number;
  deactivated: number;
  /** The group's rule, when the assignment keeps applying to people who join later. */
  ruleId: string | null;
};

export type GroupRule = {
  id: string;
  courseId: string;
  courseTitle: string;
  dueOn: string | null;
  dueAfterDays: number | null;
  reminderDays: number[];
  onRemoval: RemovalPolicy;
  createdAt: Date;
};

/** HR's forms and the API record themselves as the source, whatever screen-level source was asked for. */
function sourceOf(ctx: Ctx, requested: AssignmentSource): AssignmentSource {
  if (ctx.actor?.kind === "hr") return "hr";
  if (ctx.actor?.kind === "api_key") return "api";
  return requested;
}

async function readCourse(db: DatabaseOrTransaction, ctx: Ctx, courseId: string): Promise<{ id: string; title: string }> {
  const [course] = await queryRows<{ id: string; title: string }>(
    db,
    sql`select id, title from courses where id = ${courseId} and company_id = ${ctx.companyId}`,
  );
  if (!course) throw new AppError("course_not_found");
  return course;
}

async function readSelectedGroup(db: DatabaseOrTransaction, ctx: Ctx, groupId: string, lock: boolean): Promise<LearningGroup> {
  let group: LearningGroup;
  try {
    group = await readGroup(db, ctx, groupId, { lock });
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") throw new AppError("assignment_group_not_found");
    throw error;
  }
  // An archived group is read-only, and a rule on it would be paused from the start.
  assertActive(group);
  return group;
}

/** The people a selection names, as SQL selecting `user_id`, always within the caller's company. */
async function selectedPeopleSql(db: DatabaseOrTransaction, ctx: Ctx, selection: AssignmentSelection, lock: boolean): Promise<SQL> {
  switch (selection.mode) {
    case "individuals":
      return sql`select id as user_id from users where company_id = ${ctx.companyId} and id = any(${uuidArray(selection.userIds)})`;
    case "department": {
      const [department] = await queryRows<{ id: string }>(
        db,
        sql`select id from departments where id = ${selection.departmentId} and company_id = ${ctx.companyId}`,
      );
      if (!department) throw new AppError("department_not_found");
      return sql`select id as user_id from users where company_id = ${ctx.companyId} and department_id = ${department.id}`;
    }
    case "group": {
      const group = await readSelectedGroup(db, ctx, selection.groupId, lock);
      return sql`select user_id from group_members where group_id = ${group.id} and company_id = ${ctx.companyId}`;
    }
  }
}

/** A fixed date before today (in the company's zone) is refused: nobody could meet it. */
async function assertDateAhead(db: DatabaseOrTransaction, ctx: Ctx, deadline: Deadline, now: Date): Promise<void> {
  if (deadline.kind !== "date") return;
  const [row] = await queryRows<{ past: boolean }>(
    db,
    sql`select ${deadline.dueOn}::date < (${now}::timestamptz at time zone default_time_zone)::date as past
        from companies where id = ${ctx.companyId}`,
  );
  if (row?.past) throw new AppError("assignment_date_past", { dueOn: deadline.dueOn }, "deadline.dueOn");
}

async function classify(
  db: DatabaseOrTransaction,
  ctx: Ctx,
  courseId: string,
  people: SQL,
): Promise<Omit<AssignmentPreview, "ruleExists">> {
  const [row] = await queryRows<Omit<AssignmentPreview, "ruleExists">>(
    db,
    sql`with picked as (${people}),
      classified as (
        select u.deactivated_at is not null as deactivated,
               exists (select 1 from assignments a where a.user_id = u.id and a.course_id = ${courseId} and a.status <> 'waived') as assigned,
               exists (select 1 from course_progress p where p.user_id = u.id and p.course_id = ${courseId} and p.completed_at is not null) as completed
        from (select distinct user_id from picked) s join users u on u.id = s.user_id and u.company_id = ${ctx.companyId}
      )
      select count(*)::int as selected,
             (count(*) filter (where not deactivated and not assigned and not completed))::int as "toAssign",
             (count(*) filter (where not deactivated and assigned))::int as "alreadyAssigned",
             (count(*) filter (where not deactivated and not assigned and completed))::int as "alreadyCompleted",
             (count(*) filter (where deactivated))::int as deactivated
      from classified`,
  );
  return row!;
}

async function ruleExists(db: DatabaseOrTransaction, selection: AssignmentSelection, courseId: string): Promise<boolean | null> {
  if (selection.mode !== "group") return null;
  const [row] = await queryRows<{ found: boolean }>(
    db,
    sql`select exists (select 1 from assignment_rules where group_id = ${selection.groupId} and course_id = ${courseId}) as found`,
  );
  return row!.found;
}

/** What Confirm would do: the wizard's step 4 ("1,204 will be assigned; 37 already have …; 3 deactivated are skipped"). */
export async function previewAssignment(
  db: Database,
  ctx: Ctx,
  input: PreviewAssignmentInput,
  now = currentTime(),
): Promise<AssignmentPreview> {
  assertCan(ctx, "assignment.assign");
  const course = await readCourse(db, ctx, input.courseId);
  await assertDateAhead(db, ctx, input.deadline, now);
  const people = await selectedPeopleSql(db, ctx, input.selection, false);
  const counts = await classify(db, ctx, course.id, people);
  return { ...counts, ruleExists: await ruleExists(db, input.selection, course.id) };
}

async function actorName(db: DatabaseOrTransaction, ctx: Ctx): Promise<string> {
  const [row] = await queryRows<{ name: string }>(db, sql`select name from users where id = ${ctx.userId}`);
  return row?.name ?? "";
}

const deadlineColumns = (deadline: Deadline) =>
  deadline.kind === "date" ? { dueOn: deadline.dueOn, dueAfterDays: null } : { dueOn: null, dueAfterDays: deadline.days };

/** Creates or replaces the group's rule for the course (one per group and course); returns its id. */
async function upsertRule(
  tx: DatabaseOrTransaction,
  ctx: Ctx,
  input: AssignCourseInput & { selection: { mode: "group"; onRemoval: RemovalPolicy } },
  now: Date,
): Promise<string> {
  const { dueOn, dueAfterDays } = deadlineColumns(input.deadline);
  const [rule] = await queryRows<{ id: string }>(
    tx,
    sql`insert into assignment_rules (company_id, group_id, course_id, due_on, due_after_days, reminder_days, on_removal, created_by, created_at, updated_at)
        values (${ctx.companyId}, ${input.selection.groupId}, ${input.courseId}, ${dueOn}::date, ${dueAfterDays}::int,
                ${`{${input.reminderDays.join(",")}}`}::int[], ${input.selection.onRemoval}, ${ctx.userId}, ${now}, ${now})
        on conflict (group_id, course_id) do update
          set due_on = excluded.due_on, due_after_days = excluded.due_after_days, reminder_days = excluded.reminder_days,
              on_removal = excluded.on_removal, updated_at = excluded.updated_at
        returning id`,
  );
  return rule!.id;
}

type AssignRun = AssignCourseInput & { source: AssignmentSource };

/**
 * The one write behind the person page, the wizard and HR: in one transaction, once per operation id,
 * everyone the selection names who is active and not yet assigned gets the course — assignments,
 * notifications and mails written by one statement however many people. By group, the group's rule
 * is created (or its terms replaced) first, so the current members' assignments carry it.
 */
async function runAssignment({ tx, ctx, now, audit }: Scope<unknown, undefined>, input: AssignRun): Promise<Committed<AssignResult>> {
  const batchId = randomUUID();
  const meta = { source: sourceOf(ctx, input.source), now, batchId };
  // As for adding members: a deactivation in flight waits for this write, or this write sees it.
  await lockCompanyMembership(tx, ctx.companyId, "membership-write");
  const course = await readCourse(tx, ctx, input.courseId);
  await assertDateAhead(tx, ctx, input.deadline, now);
  // By group, the group's row lock queues this behind adds and removals, so nobody slips past the rule.
  const people = await selectedPeopleSql(tx, ctx, input.selection, true);
  const counts = await classify(tx, ctx, course.id, people);
  const selection = input.selection;
  const ruleId = selection.mode === "group" && selection.keepApplying ? await upsertRule(tx, ctx, { ...input, selection }, now) : null;
  const { dueOn, dueAfterDays } = deadlineColumns(input.deadline);
  const groupId = selection.mode === "group" ? selection.groupId : null;
  const rows = await insertAssignments(
    tx,
    ctx,
    sql`select user_id, ${course.id}::uuid as course_id, ${groupId}::uuid as group_id, ${ruleId}::uuid as rule_id,
               ${dueOn}::date as due_on, ${dueAfterDays}::int as due_after_days,
               ${`{${input.reminderDays.join(",")}}`}::int[] as reminder_days, ${ctx.userId}::uuid as assigned_by,
               ${await actorName(tx, ctx)}::text as actor_name
        from (${people}) picked`,
    meta,
  );
  const assigned = rows.filter((row) => row.status === "open").length;
  const result: AssignResult = {
    assigned,
    alreadyCompleted: rows.length - assigned,
    alreadyAssigned: counts.selected - counts.deactivated - rows.length,
    deactivated: counts.deactivated,
    ruleId,
  };
  await audit({
    action: "assignment.assigned",
    targetType: "course",
    targetId: course.id,
    batchId,
    details: {
      source: meta.source,
      selection: selectionDetails(selection),
      deadline: input.deadline,
      reminderDays: input.reminderDays,
      ...result,
    },
  });
  return { result, events: assignedEvents(rows, meta), outbox: queuedMail(rows) };
}

/** The audit keeps what was chosen, not 10,000 ids. */
function selectionDetails(selection: AssignmentSelection): Record<string, unknown> {
  if (selection.mode === "individuals") return { mode: selection.mode, people: selection.userIds.length };
  return selection;
}

/**
 * The bulk wizard's Confirm (source `bulk`); the API calls it with an `api_key` actor. Admins assign
 * through the person page and the wizard, HR forms and API keys through their own paths (delegated
 * actors hold `assignment.assign`), learners never.
 */
export const assignCourse = defineOperation({
  kind: "assignment.assign",
  permission: "assignment.assign",
  input: assignCourseSchema,
  // No right on a resource to read beyond the permission (the course and the group are read under
  // lock); the step is here so that a re-submitted form is answered from the stored result before
  // any lock or transaction, as it was.
  authorize: async () => undefined,
  run: (scope) => runAssignment(scope, { ...scope.input, source: "bulk" }),
});

/**
 * The person page's "Assign a course" (source `direct`): unlike a batch, naming someone who is not in
 * the company, or is deactivated, is an error rather than a count — read before a replay is answered.
 */
export const assignPerson = defineOperation({
  kind: "assignment.assignPerson",
  permission: "assignment.assign",
  input: assignPersonSchema,
  authorize: async (db, ctx, input) => {
    const [person] = await queryRows<{ name: string; deactivated: boolean }>(
      db,
      sql`select name, deactivated_at is not null as deactivated from users where id = ${input.personId} and company_id = ${ctx.companyId}`,
    );
    if (!person) throw new AppError("assignment_person_not_found");
    if (person.deactivated) throw new AppError("assignment_person_deactivated", { name: person.name });
  },
  run: (scope) => {
    const { personId, ...terms } = scope.input;
    return runAssignment(scope, { ...terms, selection: { mode: "individuals", userIds: [personId] }, source: "direct" });
  },
});

/** The rules of one group of the caller's company (its "keeps applying" assignments), newest first. */
export async function listGroupRules(db: Database, ctx: Ctx, groupId: string): Promise<GroupRule[]> {
  assertCan(ctx, "assignment.assign");
  await readGroup(db, ctx, groupId);
  return queryRows<GroupRule>(
    db,
    sql`select r.id, r.course_id as "courseId", c.title as "courseTitle", r.due_on::text as "dueOn", r.due_after_days as "dueAfterDays",
               r.reminder_days as "reminderDays", r.on_removal as "onRemoval", r.created_at as "createdAt"
        from assignment_rules r join courses c on c.id = r.course_id
        where r.group_id = ${groupId} and r.company_id = ${ctx.companyId}
        order by r.created_at desc, r.id`,
  );
}

/** Ends a group's rule: people who join from now on are not assigned; the assignments it gave stay as they are. */
export const endGroupRule = defineOperation({
  kind: "assignment.rule_end",
  permission: "assignment.assign",
  input: endRuleSchema,
  run: async ({ tx, ctx, input, audit }): Promise<Committed<{ groupId: string }>> => {
    const [rule] = await queryRows<{ groupId: string; courseId: string }>(
      tx,
      sql`delete from assignment_rules where id = ${input.ruleId} and company_id = ${ctx.companyId}
          returning group_id as "groupId", course_id as "courseId"`,
    );
    if (!rule) throw new AppError("assignment_rule_not_found");
    await audit({
      action: "assignment.rule_ended",
      targetType: "group",
      targetId: rule.groupId,
      details: { ruleId: input.ruleId, courseId: rule.courseId },
    });
    return { result: { groupId: rule.groupId } };
  },
});
