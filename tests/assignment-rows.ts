import { sql } from "drizzle-orm";
import { type Database, queryRows } from "@/db/client";
import { assignmentRules, assignments, type AssignmentSource, type AssignmentStatus } from "@/db/schema";
import { DEFAULT_REMINDER_DAYS, dueAtSql, learnerZoneSql } from "@/lib/assignments/deadlines";

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
