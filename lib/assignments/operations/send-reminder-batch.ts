import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows } from "@/db/client";
import { uuidArray } from "@/db/sql";
import { outboxInsertSql } from "@/lib/outbox/queue";
import { notificationFanOut } from "@/lib/notifications/events";
import type { NotificationType } from "@/lib/notifications/types";
import { insertNotificationsSql } from "@/lib/notifications/sql";
import { type Committed, defineOperation } from "@/lib/operations/kernel";
import { learnerZoneSql, nextReminderSql, reminderMomentSql } from "../deadlines";
import { assignmentChanged } from "../events";

type NotifiedRow = {
  user_id: string;
  key: string;
  type: NotificationType;
  payload: Record<string, string | number>;
  created_at: Date | string;
};

/** The mail's payload: the notification's, from the same row of `latest`. */
const mailPayload = sql`jsonb_build_object('courseTitle', course_title, 'courseId', course_id, 'dueOn', due_text, 'days', days)`;

type BatchResult = { picked: number; written: number; notified: number };

/**
 * One batch of one company's due reminders, as an operation of the scheduler (the `system` actor):
 * its own transaction, with its reminder rows, notifications, mails and next moments. Overlapping
 * runs split the work (`skip locked`), and the unique key of `assignment_reminders` is the once-only
 * guarantee whatever happens, so each batch is an operation of its own (a fresh id): the operation
 * row records it; a deterministic id would only make a second run at the same moment answer with the
 * first one's counts.
 */
export const sendReminderBatch = defineOperation({
  kind: "assignment.reminders",
  permission: "system.reminders",
  input: z.object({ operationId: z.uuid(), batchSize: z.int().positive() }),
  run: async ({ tx, ctx, input, now }): Promise<Committed<BatchResult>> => {
    const companyId = ctx.companyId;
    const picked = await queryRows<{ id: string }>(
      tx,
      sql`select id from assignments
          where company_id = ${companyId} and status = 'open' and next_reminder_at <= ${now}
          order by next_reminder_at
          limit ${input.batchSize}
          for update skip locked`,
    );
    if (picked.length === 0) return { result: { picked: 0, written: 0, notified: 0 } };
    const moment = reminderMomentSql(sql`b.due_on`, sql`d.offset_days`, sql`b.zone`);
    // One statement for the whole batch: reminder rows, then for each row actually inserted (not
    // already there from an overlapping run) the notification and the outbox row, and the next moment.
    const [written] = await queryRows<{ written: number; notified: NotifiedRow[]; settled: string[] }>(
      tx,
      sql`with settled as (
            -- A course finished while the assignment was being made (the completion could not see the
            -- uncommitted row) left it open: it is done, and nothing is sent.
            update assignments a
            set status = 'done', completed_at = cp.completed_at, next_reminder_at = null
            from course_progress cp
            where a.id = any(${uuidArray(picked.map((row) => row.id))})
              and cp.user_id = a.user_id and cp.course_id = a.course_id and cp.completed_at is not null
            returning a.id, a.user_id
          ),
          batch as (
            select a.id, a.company_id, a.user_id, a.course_id, a.due_on, a.assigned_at, a.reminder_days,
                   ${learnerZoneSql(sql`u`, sql`c`)} as zone, co.title as course_title
            from assignments a
            join users u on u.id = a.user_id
            join companies c on c.id = a.company_id
            join courses co on co.id = a.course_id
            where a.id = any(${uuidArray(picked.map((row) => row.id))})
              and not exists (select 1 from settled s where s.id = a.id)
          ),
          due as (
            select b.*, d.offset_days
            from batch b
            cross join lateral unnest(b.reminder_days) as d (offset_days)
            where ${moment} <= ${now} and ${moment} > b.assigned_at
          ),
          written as (
            insert into assignment_reminders (company_id, assignment_id, user_id, offset_days, created_at)
            select company_id, id, user_id, offset_days, ${now} from due
            on conflict (assignment_id, offset_days) do nothing
            returning assignment_id, offset_days
          ),
          latest as (
            select distinct on (w.assignment_id)
                   b.id as assignment_id, b.company_id, b.user_id, w.offset_days,
                   'assignment-reminder:' || b.id || ':' || w.offset_days as key,
                   case when w.offset_days <= 0 then 'assignment.reminder' else 'assignment.overdue' end as type,
                   b.course_title, b.course_id, to_char(b.due_on, 'YYYY-MM-DD') as due_text, abs(w.offset_days) as days
            from written w join batch b on b.id = w.assignment_id
            order by w.assignment_id, w.offset_days desc
          ),
          notified as (${insertNotificationsSql({
            companyId,
            from: sql`latest`,
            type: { among: ["assignment.reminder", "assignment.overdue"], sql: sql<string>`type` },
            payload: {
              courseTitle: sql<string>`course_title`,
              courseId: sql<string>`course_id`,
              dueOn: sql<string>`due_text`,
              days: sql<number>`days`,
            },
            groupId: null,
            key: sql<string>`key`,
            createdAt: now,
            returning: sql`user_id, key, type, payload, created_at`,
          })}),
          reminder_mail as (
            ${outboxInsertSql(companyId, "assignment.reminder", sql`(select * from latest where offset_days <= 0) as r`, mailPayload, { withAssignment: true, now })}
          ),
          overdue_mail as (
            ${outboxInsertSql(companyId, "assignment.overdue", sql`(select * from latest where offset_days > 0) as r`, mailPayload, { withAssignment: true, now })}
          ),
          advanced as (
            update assignments a
            set next_reminder_at = ${nextReminderSql(sql`b.due_on`, sql`b.reminder_days`, sql`b.zone`, sql`${now}::timestamptz`)}
            from batch b where a.id = b.id
          )
          select (select count(*)::int from written) as written,
                 coalesce((select json_agg(n) from notified n), '[]'::json) as notified,
                 coalesce((select array_agg(user_id) from settled), '{}') as settled`,
    );
    const events = written!.notified.map((row) =>
      notificationFanOut([row.user_id], {
        key: row.key,
        type: row.type,
        payload: row.payload,
        groupId: null,
        readAt: null,
        createdAt: new Date(row.created_at).toISOString(),
      }),
    );
    return {
      result: { picked: picked.length, written: written!.written, notified: written!.notified.length },
      events: [...events, ...assignmentChanged(written!.settled)],
    };
  },
});
