import { sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import { DEFAULT_REMINDER_DAYS, dueAtSql, learnerZoneSql, nextReminderSql } from "@/lib/assignments/deadlines";

/**
 * An open assignment written straight to the test database, as the assigning services write one:
 * `due_at` and `next_reminder_at` computed in the learner's time zone by the shared SQL helpers,
 * reminders already past at `assignedAt` never due.
 */
export async function createAssignment(
  db: DatabaseOrTransaction,
  input: { companyId: string; userId: string; courseId: string; dueOn: string; assignedAt: Date; reminderDays?: readonly number[] },
): Promise<{ id: string; nextReminderAt: Date | null }> {
  const zone = learnerZoneSql(sql`u`, sql`c`);
  const days = `{${(input.reminderDays ?? DEFAULT_REMINDER_DAYS).join(",")}}`;
  const [row] = await queryRows<{ id: string; next_reminder_at: Date | string | null }>(
    db,
    sql`insert into assignments (company_id, user_id, course_id, source, due_on, due_at, reminder_days, next_reminder_at, assigned_at)
        select c.id, u.id, ${input.courseId}, 'direct', ${input.dueOn}::date, ${dueAtSql(sql`${input.dueOn}`, zone)}, ${days}::int[],
               ${nextReminderSql(sql`${input.dueOn}`, sql`${days}`, zone, sql`${input.assignedAt}::timestamptz`)}, ${input.assignedAt}
        from users u join companies c on c.id = u.company_id
        where u.id = ${input.userId} and c.id = ${input.companyId}
        returning id, next_reminder_at`,
  );
  return { id: row!.id, nextReminderAt: row!.next_reminder_at === null ? null : new Date(row!.next_reminder_at) };
}
