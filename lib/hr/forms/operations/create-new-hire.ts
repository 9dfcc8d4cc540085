import "server-only";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import { lockCompanyMembership } from "@/db/locks";
import { uuidArray } from "@/db/sql";
import { addressGuard } from "@/lib/accounts/addresses";
import { insertInvitedPerson } from "@/lib/accounts/sql";
import { assignmentChanged } from "@/lib/assignments/events";
import { insertAssignments } from "@/lib/assignments/sql";
import type { Ctx } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { calendarDay } from "@/lib/i18n/formats";
import { fanOut } from "@/lib/membership/events";
import { insertMembershipsSql } from "@/lib/membership/sql";
import { membershipChanged } from "@/lib/membership-core/events";
import type { NotificationPayloads } from "@/lib/notifications/types";
import { insertNotificationsSql } from "@/lib/notifications/sql";
import { defineOperation } from "@/lib/operations/kernel";
import { asHrActor } from "@/lib/hr/actor";
import { formRulesWanted, lockFormGroups, quotedList } from "../groups";
import { type NewHireInput, newHireSchema } from "../schemas";

export type NewHireResult = { userId: string; groups: number; courses: number };

type FormCourse = { id: string; title: string; dueOn: string; past: boolean };

/** The form's courses, of the caller's company, with their deadline (start date + N days) and whether it has passed in the company's zone. */
async function readCourses(tx: DatabaseOrTransaction, ctx: Ctx, input: NewHireInput, now: Date): Promise<FormCourse[]> {
  if (input.courses.length === 0) return [];
  const rows = await queryRows<FormCourse>(
    tx,
    sql`select c.id, c.title, (${input.startDate}::date + t.days)::text as "dueOn",
               ${input.startDate}::date + t.days < (${now}::timestamptz at time zone co.default_time_zone)::date as past
        from unnest(${uuidArray(input.courses.map((course) => course.courseId))}, ${`{${input.courses.map((course) => course.daysAfterStart).join(",")}}`}::int[]) as t (course_id, days)
        join courses c on c.id = t.course_id and c.company_id = ${ctx.companyId}
        join companies co on co.id = c.company_id`,
  );
  if (rows.length !== input.courses.length) throw new AppError("course_not_found", {}, "courses");
  const past = rows.find((row) => row.past);
  if (past) throw new AppError("hr_deadline_past", { title: past.title, dueOn: calendarDay(past.dueOn).getTime() });
  return rows;
}

/**
 * HR's "New hire", in one transaction and once per operation id: the person is invited (no password;
 * the link goes out after commit), joins the chosen groups (whose rules reach them as a late joiner,
 * counted from the start date), is assigned the form's courses (due N days after the start date, at
 * 23:59 in their zone), and gets one welcome notification listing both instead of one per group and
 * course. A full group, a taken email or a course that went away leaves nothing behind.
 */
export const createNewHire = defineOperation({
  kind: "hr.new_hire",
  permission: "hr.forms",
  actAs: asHrActor,
  input: newHireSchema,
  ...addressGuard((input) => ({ via: "new_hire", email: input.email })),
  run: async ({ tx, ctx, input, now, audit }) => {
    const batchId = randomUUID();
    // As for adding members: a deactivation in flight waits for this write, or this write sees it.
    await lockCompanyMembership(tx, ctx.companyId, "membership-write");
    const groups = await lockFormGroups(tx, ctx, input.groupIds, 1);
    const courses = await readCourses(tx, ctx, input, now);
    const invited = await insertInvitedPerson(tx, ctx, audit, { ...input, roles: [] });
    const userId = invited.userId;
    const groupIds = groups.map((group) => group.id);
    if (groups.length > 0) {
      await tx.execute(
        insertMembershipsSql(
          ctx,
          sql`select g.id as group_id, ${userId}::uuid as user_id, 'hr'::membership_source as source, null::text as source_label,
                     lower(${input.name}) as sort_name
              from unnest(${uuidArray(groupIds)}) as g (id)`,
          { batchId, now, announce: false },
        ),
      );
    }
    const meta = { now, batchId, announce: false };
    // The form's own courses first: where a group's rule names the same course, HR's deadline stands.
    const chosen =
      courses.length === 0
        ? []
        : await insertAssignments(
            tx,
            ctx,
            sql`select ${userId}::uuid as user_id, t.course_id, null::uuid as group_id, null::uuid as rule_id, t.due_on, null::int as due_after_days,
                 ${`{${input.reminderDays.join(",")}}`}::int[] as reminder_days, ${ctx.userId}::uuid as assigned_by
          from unnest(${uuidArray(courses.map((course) => course.id))}, ${`{${courses.map((course) => course.dueOn).join(",")}}`}::date[]) as t (course_id, due_on)`,
            { ...meta, source: "hr" },
          );
    const byRule =
      groups.length === 0
        ? []
        : await insertAssignments(tx, ctx, formRulesWanted(ctx, userId, groupIds, input.startDate), { ...meta, source: "rule" });
    const assigned = [...chosen, ...byRule];
    const welcome: NotificationPayloads["hr.welcome"] = {
      groups: quotedList(groups.map((group) => group.name)),
      groupCount: groups.length,
      courses: quotedList(assigned.map((row) => row.courseTitle)),
      courseCount: assigned.length,
    };
    await tx.execute(
      insertNotificationsSql({
        companyId: ctx.companyId,
        from: sql`(select ${userId}::uuid as user_id) as hire`,
        type: "hr.welcome",
        payload: welcome,
        groupId: null,
        key: batchId,
        createdAt: now,
      }),
    );
    const result: NewHireResult = { userId, groups: groups.length, courses: assigned.length };
    await audit({
      action: "hr.new_hire",
      targetType: "user",
      targetId: userId,
      batchId,
      details: { startDate: input.startDate, groupIds, courseIds: assigned.map((row) => row.courseId) },
    });
    return {
      result,
      mail: [invited.mail],
      events: [
        fanOut([userId], { key: batchId, type: "hr.welcome", payload: welcome, groupId: null, createdAt: now }),
        ...groupIds.map(membershipChanged),
        ...assignmentChanged(assigned.map((row) => row.userId)),
      ],
    };
  },
});
