import "server-only";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import { lockCompanyMembership } from "@/db/locks";
import type { AssignmentSource, RemovalPolicy } from "@/db/schema";
import type { Ctx } from "@/lib/auth/viewer";
import type { Committed, Scope } from "@/lib/operations/kernel";
import { assignedEvents } from "./events";
import type { AssignCourseInput, AssignmentSelection, Deadline } from "./schemas";
import { assertDateAhead, classify, readCourse, selectedPeopleSql } from "./selection";
import { insertAssignments, queuedMail } from "./sql";

export type AssignResult = {
  assigned: number;
  alreadyAssigned: number;
  alreadyCompleted: number;
  deactivated: number;
  /** The group's rule, when the assignment keeps applying to people who join later. */
  ruleId: string | null;
};

/** HR's forms and the API record themselves as the source, whatever screen-level source was asked for. */
function sourceOf(ctx: Ctx, requested: AssignmentSource): AssignmentSource {
  if (ctx.actor?.kind === "hr") return "hr";
  if (ctx.actor?.kind === "api_key") return "api";
  return requested;
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

export type AssignRun = AssignCourseInput & { source: AssignmentSource };

/**
 * The one write behind the person page, the wizard and HR: in one transaction, once per operation id,
 * everyone the selection names who is active and not yet assigned gets the course — assignments,
 * notifications and mails written by one statement however many people. By group, the group's rule
 * is created (or its terms replaced) first, so the current members' assignments carry it.
 */
export async function runAssignment(
  { tx, ctx, now, audit }: Scope<unknown, undefined>,
  input: AssignRun,
): Promise<Committed<AssignResult>> {
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
               ${`{${input.reminderDays.join(",")}}`}::int[] as reminder_days, ${ctx.userId}::uuid as assigned_by
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
