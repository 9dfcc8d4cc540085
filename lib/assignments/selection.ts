import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import type { LearningGroup } from "@/db/schema";
import { uuidArray } from "@/db/sql";
import type { Ctx } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { calendarDay } from "@/lib/i18n/formats";
import { assertActive, readGroup } from "@/lib/group-access/lock";
import type { AssignmentSelection, Deadline } from "./schemas";

/**
 * What an assignment's terms name, read the same way by the preview and by Confirm: the course, the
 * people a selection picks, a deadline still ahead, and how the picked people divide.
 */

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

export async function readCourse(db: DatabaseOrTransaction, ctx: Ctx, courseId: string): Promise<{ id: string; title: string }> {
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
export async function selectedPeopleSql(db: DatabaseOrTransaction, ctx: Ctx, selection: AssignmentSelection, lock: boolean): Promise<SQL> {
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
export async function assertDateAhead(db: DatabaseOrTransaction, ctx: Ctx, deadline: Deadline, now: Date): Promise<void> {
  if (deadline.kind !== "date") return;
  const [row] = await queryRows<{ past: boolean }>(
    db,
    sql`select ${deadline.dueOn}::date < (${now}::timestamptz at time zone default_time_zone)::date as past
        from companies where id = ${ctx.companyId}`,
  );
  if (row?.past) throw new AppError("assignment_date_past", { dueOn: calendarDay(deadline.dueOn).getTime() }, "deadline.dueOn");
}

export async function classify(
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

export async function ruleExists(db: DatabaseOrTransaction, selection: AssignmentSelection, courseId: string): Promise<boolean | null> {
  if (selection.mode !== "group") return null;
  const [row] = await queryRows<{ found: boolean }>(
    db,
    sql`select exists (select 1 from assignment_rules where group_id = ${selection.groupId} and course_id = ${courseId}) as found`,
  );
  return row!.found;
}
