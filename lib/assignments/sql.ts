import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import type { AssignmentSource, RemovalPolicy } from "@/db/schema";
import { uuidArray } from "@/db/sql";
import type { Ctx } from "@/lib/auth/viewer";
import { outboxInsertSql } from "@/lib/outbox/queue";
import { insertNotificationsSql } from "@/lib/notifications/sql";
import { dueAtSql, learnerTodaySql, learnerZoneSql, nextReminderSql } from "./deadlines";

/**
 * The statements every path that creates, completes or waives assignments shares: the wizard, the
 * person page, a group's rule for late joiners (add, move, join), removals, deactivation and course
 * completion. Each is one set-based statement, run inside the caller's transaction.
 */

/** A row the insert wrote: `open` ones were notified; `done` ones record a course finished before. */
export type AssignedRow = {
  id: string;
  userId: string;
  courseId: string;
  status: "open" | "done";
  dueOn: string;
  courseTitle: string;
  actorName: string;
};

/** `announce: false` writes no notification or mail per assignment, for a caller that sends one of its own (HR's welcome). */
export type InsertMeta = { source: AssignmentSource; now: Date; batchId: string; announce?: boolean };

/**
 * Assigns what `wanted` asks for, in one statement with its notifications and mails. `wanted` selects
 * (user_id, course_id, group_id, rule_id, due_on date|null, due_after_days int|null, reminder_days
 * int[], assigned_by uuid|null), the sentence naming `assigned_by`; a relative deadline counts from the learner's today
 * in their own zone. Only active people of the caller's company are assigned; whoever already has an
 * open or done assignment of the course keeps it (the partial unique index). Someone who finished the
 * course before gets it as `done` at their completion, unnotified: there is nothing left for them to do.
 */
export async function insertAssignments(tx: DatabaseOrTransaction, ctx: Ctx, wanted: SQL, meta: InsertMeta): Promise<AssignedRow[]> {
  return queryRows<AssignedRow>(tx, insertAssignmentsSql(ctx, wanted, meta));
}

/** The statement `insertAssignments` runs (exported for measuring it with EXPLAIN). */
export function insertAssignmentsSql(ctx: Ctx, wanted: SQL, meta: InsertMeta): SQL {
  const { now, batchId } = meta;
  const zone = sql`zone`;
  const payload = sql`jsonb_build_object('courseTitle', course_title, 'courseId', course_id, 'dueOn', due_on, 'actorName', actor_name)`;
  return sql`with wanted as (${wanted}),
      targets as (
        select distinct on (w.user_id, w.course_id)
               w.user_id, w.course_id, w.group_id, w.rule_id, w.reminder_days, w.assigned_by, z.zone,
               coalesce(w.due_on, ${learnerTodaySql(now, zone)} + w.due_after_days) as due_on, p.completed_at
        from wanted w
        join users u on u.id = w.user_id and u.company_id = ${ctx.companyId} and u.deactivated_at is null
        join companies c on c.id = u.company_id
        cross join lateral (select ${learnerZoneSql(sql`u`, sql`c`)} as zone) z
        left join course_progress p on p.user_id = w.user_id and p.course_id = w.course_id and p.completed_at is not null
      ),
      inserted as (
        insert into assignments (company_id, user_id, course_id, status, source, group_id, rule_id, due_on, due_at,
                                 reminder_days, next_reminder_at, assigned_by, assigned_at, completed_at, batch_id)
        select ${ctx.companyId}, user_id, course_id,
               (case when completed_at is null then 'open' else 'done' end)::assignment_status,
               ${meta.source}, group_id, rule_id, due_on, ${dueAtSql(sql`due_on`, zone)}, reminder_days,
               case when completed_at is null then ${nextReminderSql(sql`due_on`, sql`reminder_days`, zone, sql`${now}::timestamptz`)} end,
               assigned_by, ${now}, completed_at, ${batchId}
        from targets
        on conflict (user_id, course_id) where status <> 'waived' do nothing
        returning id, user_id, course_id, status, due_on, assigned_by
      ),
      -- Who assigned it, by name, from the row itself: a join back to \`targets\` by person and course
      -- was a nested loop over 10,000 × 10,000 rows whenever the planner thought \`wanted\` small.
      written as (
        select i.id as assignment_id, i.user_id, i.course_id, i.status, i.due_on::text as due_on,
               co.title as course_title, coalesce(a.name, '') as actor_name
        from inserted i
        join courses co on co.id = i.course_id
        left join users a on a.id = i.assigned_by
      ),
      fresh as (select * from written where status = 'open' and ${meta.announce ?? true}::boolean),
      notified as (${insertNotificationsSql({
        companyId: ctx.companyId,
        from: sql`fresh`,
        type: "assignment.assigned",
        payload: {
          courseTitle: sql<string>`course_title`,
          courseId: sql<string>`course_id`,
          dueOn: sql<string>`due_on`,
          actorName: sql<string>`actor_name`,
        },
        groupId: null,
        key: sql<string>`${batchId}::text || ':' || course_id::text`,
        createdAt: now,
      })}),
      mailed as (${outboxInsertSql(ctx.companyId, "assignment.assigned", sql`fresh`, payload, { withAssignment: true, now })})
      select assignment_id as id, user_id as "userId", course_id as "courseId", status, due_on as "dueOn",
             course_title as "courseTitle", actor_name as "actorName"
      from written`;
}

/** Whether `insertAssignments` queued mail (open assignments are announced; ones finished before are not). */
export const queuedMail = (rows: readonly AssignedRow[]) => rows.some((row) => row.status === "open");

/**
 * Late joiners: everyone the operation's batch just put into the group (its ledger rows, read in the
 * same transaction: however many, no id travels to Node and back) is assigned each course the group's rules
 * name, "N days after joining" (the learner's today + N in their zone) or the rule's fixed date. A fixed
 * date that has passed still applies: the group's deadline is the same for everyone in it, so the late
 * joiner is overdue at once and the admin overview shows it (only reminders still ahead are sent). An
 * archived group's rules are paused; they apply again once it is restored (to people added from then on).
 */
export async function applyGroupRules(
  tx: DatabaseOrTransaction,
  ctx: Ctx,
  groupId: string,
  now: Date,
  batchId: string,
): Promise<AssignedRow[]> {
  // The ledger's (company, group, at) index finds the batch: its rows carry the operation's `now`.
  const newcomers = sql`select user_id from membership_events
    where company_id = ${ctx.companyId} and group_id = ${groupId} and at = ${now} and batch_id = ${batchId} and kind = 'added'`;
  return insertAssignments(tx, ctx, groupRulesWanted(ctx, groupId, newcomers), { source: "rule", now, batchId });
}

/** What a group's rules ask for `newcomers`: the `wanted` relation of `insertAssignments`. */
export function groupRulesWanted(ctx: Ctx, groupId: string, newcomers: SQL): SQL {
  return sql`select m.user_id, r.course_id, r.group_id, r.id as rule_id, r.due_on, r.due_after_days, r.reminder_days,
               r.created_by as assigned_by
        from assignment_rules r
        join learning_groups g on g.id = r.group_id and g.company_id = ${ctx.companyId} and g.archived_at is null
        cross join (${newcomers}) as m
        where r.group_id = ${groupId} and r.company_id = ${ctx.companyId}`;
}

/** What an open assignment becomes when it is waived: nothing more is sent for it. */
const waive = (now: Date, reason: "removed" | "deactivated") =>
  sql`status = 'waived', waived_at = ${now}, waived_reason = ${reason}, next_reminder_at = null`;

/**
 * People who left a group: each open assignment that came through the group (its rule, or a bulk
 * assignment by this group) is waived when the group's rule for that course says so, or when the
 * remove dialog's `override` does (`keep` keeps even where the rule says waive). Without a rule and
 * without an override, assignments stay. An assignment is kept anyway while its person is still in
 * another active group whose rule names the same course: that group would assign it again at once.
 * Call after the memberships changed (for a move, after the arrivals were inserted). Returns who lost one.
 */
export async function waiveOnRemoval(
  tx: DatabaseOrTransaction,
  ctx: Ctx,
  groupId: string,
  userIds: readonly string[],
  now: Date,
  override?: RemovalPolicy,
): Promise<string[]> {
  if (userIds.length === 0 || override === "keep") return [];
  const policy = override
    ? sql`${override}::assignment_removal_policy`
    : sql`(select r.on_removal from assignment_rules r where r.group_id = ${groupId} and r.course_id = a.course_id)`;
  const rows = await queryRows<{ userId: string }>(
    tx,
    sql`update assignments a set ${waive(now, "removed")}
        where a.company_id = ${ctx.companyId} and a.status = 'open' and a.user_id = any(${uuidArray(userIds)})
          and (a.group_id = ${groupId} or a.rule_id in (select id from assignment_rules where group_id = ${groupId}))
          and ${policy} = 'waive'
          and not exists (
            select 1 from group_members m
            join learning_groups g on g.id = m.group_id and g.archived_at is null
            join assignment_rules r on r.group_id = m.group_id and r.course_id = a.course_id
            where m.user_id = a.user_id and m.group_id <> ${groupId})
        returning a.user_id as "userId"`,
  );
  return rows.map((row) => row.userId);
}

/** Deactivation waives every open assignment of the person: they cannot take a course any more. */
export async function waiveAllOf(tx: DatabaseOrTransaction, ctx: Ctx, userId: string, now: Date): Promise<number> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`update assignments set ${waive(now, "deactivated")}
        where company_id = ${ctx.companyId} and user_id = ${userId} and status = 'open'
        returning id`,
  );
  return rows.length;
}

/**
 * People who just finished a course: their open assignment of it is done, and nothing more is sent
 * for it (reminders still queued in the outbox are dropped by the sender, which sends only for open
 * assignments). One statement however many finished (a course re-import can finish thousands).
 */
export async function completeAssignments(
  tx: DatabaseOrTransaction,
  scope: { companyId: string; courseId: string; userIds: readonly string[] },
  now: Date,
): Promise<string[]> {
  if (scope.userIds.length === 0) return [];
  const rows = await queryRows<{ userId: string }>(
    tx,
    sql`update assignments set status = 'done', completed_at = ${now}, next_reminder_at = null
        where company_id = ${scope.companyId} and course_id = ${scope.courseId} and status = 'open'
          and user_id = any(${uuidArray(scope.userIds)})
        returning user_id as "userId"`,
  );
  return rows.map((row) => row.userId);
}
