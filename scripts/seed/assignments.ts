import { sql } from "drizzle-orm";
import { queryRows, type Transaction } from "@/db/client";
import { dueAtSql, learnerZoneSql, nextReminderSql } from "@/lib/assignments/deadlines";
import { DEFAULT_REMINDER_DAYS } from "@/lib/assignments/schemas";

export type SeededAssignments = { assignments: number; assignmentRules: number };

const DAY_MS = 24 * 60 * 60 * 1000;
/** Onboarding waves give their course 30 days after joining; the sales refresher had a fixed date, now past. */
const ONBOARDING_DAYS = 30;
const REFRESHER_COURSE = "Sales Fundamentals";
const REFRESHER_DEPARTMENT = "Sales";

/**
 * Mandatory assignments as the product would have written them: every active onboarding wave with a
 * course carries a rule (30 days after joining) and its members hold the assignment it gave them; Acme's
 * Sales department was bulk-assigned the sales course with a date that has passed, so the overview, My
 * assignments and the reports show overdue ones. Done where the course is finished; reminders ahead only.
 */
export async function insertAssignments(tx: Transaction, now: Date): Promise<SeededAssignments> {
  const reminderDays = sql`${`{${DEFAULT_REMINDER_DAYS.join(",")}}`}::int[]`;
  const zone = learnerZoneSql(sql`u`, sql`c`);
  const rules = await queryRows<{ id: string }>(
    tx,
    sql`insert into assignment_rules (company_id, group_id, course_id, due_after_days, reminder_days, on_removal, created_by, created_at, updated_at)
        select g.company_id, g.id, g.course_id, ${ONBOARDING_DAYS}, ${reminderDays}, 'keep', g.owner_id, g.created_at, g.created_at
        from learning_groups g
        where g.archived_at is null and g.course_id is not null and g.name ilike '%onboarding%'
        returning id`,
  );
  const assigned = await queryRows<{ n: number }>(
    tx,
    sql`with wanted as (
          select m.user_id, r.course_id, r.group_id, r.id as rule_id, 'rule'::assignment_source as source, r.created_by as assigned_by,
                 m.added_at as assigned_at, ((m.added_at at time zone ${zone})::date + r.due_after_days) as due_on, ${zone} as zone
          from assignment_rules r
          join group_members m on m.group_id = r.group_id
          join users u on u.id = m.user_id join companies c on c.id = u.company_id
          union all
          select u.id, co.id, null, null, 'bulk', admin.id, ${new Date(now.getTime() - 40 * DAY_MS)}::timestamptz,
                 ((${now}::timestamptz at time zone ${zone})::date - 3), ${zone}
          from departments d
          join users u on u.department_id = d.id and u.deactivated_at is null
          join companies c on c.id = u.company_id
          join courses co on co.company_id = d.company_id and co.title = ${REFRESHER_COURSE}
          cross join lateral (select id from users a where a.company_id = d.company_id and 'admin' = any(a.roles) order by a.email limit 1) admin
          where d.name = ${REFRESHER_DEPARTMENT}
        ),
        inserted as (
          insert into assignments (company_id, user_id, course_id, status, source, group_id, rule_id, due_on, due_at, reminder_days,
                                   next_reminder_at, assigned_by, assigned_at, completed_at)
          select u.company_id, w.user_id, w.course_id,
                 case when p.completed_at is null then 'open' else 'done' end::assignment_status,
                 w.source, w.group_id, w.rule_id, w.due_on, ${dueAtSql(sql`w.due_on`, sql`w.zone`)}, ${reminderDays},
                 case when p.completed_at is null then ${nextReminderSql(sql`w.due_on`, reminderDays, sql`w.zone`, sql`${now}::timestamptz`)} end,
                 w.assigned_by, w.assigned_at, p.completed_at
          from wanted w
          join users u on u.id = w.user_id
          left join course_progress p on p.user_id = w.user_id and p.course_id = w.course_id
          on conflict do nothing
          returning 1
        )
        select count(*)::int as n from inserted`,
  );
  return { assignments: assigned[0]!.n, assignmentRules: rules.length };
}
