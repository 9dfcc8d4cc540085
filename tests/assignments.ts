import { sql } from "drizzle-orm";
import { type Database, type DatabaseOrTransaction, queryRows } from "@/db/client";
import { assignmentRules, assignments, type AssignmentSource, type AssignmentStatus } from "@/db/schema";
import { dueAtSql, learnerZoneSql, nextReminderSql } from "@/lib/assignments/deadlines";
import { DEFAULT_REMINDER_DAYS } from "@/lib/assignments/schemas";

/**
 * Assignment rows written straight to the test database, for tests of what reads or sends them. Two
 * ways to give the deadline: `createAssignment` as the services do (a date, `due_at` and the next
 * reminder computed in the learner's zone), `insertAssignment` as the instant it ends (any status).
 */

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

/** The instant the deadline day `dueOn` ends for this person: the next midnight in their zone. */
export async function dueAtFor(db: Database, person: { id: string }, dueOn: string): Promise<Date> {
  const [row] = await queryRows<{ dueAt: Date | string }>(
    db,
    sql`select ${dueAtSql(sql`${dueOn}`, learnerZoneSql(sql`u`, sql`c`))} as "dueAt"
        from users u join companies c on c.id = u.company_id where u.id = ${person.id}`,
  );
  return new Date(row!.dueAt);
}

/**
 * Assignment rows written straight to the test database, for tests of what reads them: the deadline
 * is given as the instant it ends (`dueAt`), `dueOn` is that instant's UTC date unless given.
 */
export async function insertAssignment(
  db: Database,
  person: { id: string; companyId: string },
  courseId: string,
  options: {
    dueAt: Date;
    dueOn?: string;
    status?: AssignmentStatus;
    source?: AssignmentSource;
    groupId?: string | null;
    assignedAt?: Date;
    completedAt?: Date | null;
  },
) {
  const status = options.status ?? "open";
  const [row] = await db
    .insert(assignments)
    .values({
      companyId: person.companyId,
      userId: person.id,
      courseId,
      status,
      source: options.source ?? (options.groupId ? "bulk" : "direct"),
      groupId: options.groupId ?? null,
      dueOn: options.dueOn ?? new Date(options.dueAt.getTime() - 1).toISOString().slice(0, 10),
      dueAt: options.dueAt,
      reminderDays: [...DEFAULT_REMINDER_DAYS],
      assignedAt: options.assignedAt ?? new Date(options.dueAt.getTime() - 30 * 86_400_000),
      completedAt: status === "done" ? (options.completedAt ?? options.dueAt) : null,
      waivedAt: status === "waived" ? options.dueAt : null,
      waivedReason: status === "waived" ? "removed" : null,
    })
    .returning();
  return row!;
}

/** A group's rule for late joiners: a fixed date, or days after joining. */
export async function insertRule(db: Database, group: { id: string; companyId: string }, courseId: string, dueAfterDays = 14) {
  const [row] = await db
    .insert(assignmentRules)
    .values({ companyId: group.companyId, groupId: group.id, courseId, dueAfterDays, reminderDays: [...DEFAULT_REMINDER_DAYS] })
    .returning();
  return row!;
}
