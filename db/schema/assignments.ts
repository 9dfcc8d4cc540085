import { sql } from "drizzle-orm";
import { bigserial, check, date, index, integer, jsonb, pgEnum, pgTable, text, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { fk, timestampMs } from "./columns";
import { learningGroups } from "./groups";
import { courses } from "./learning";
import { companies, users } from "./people";

/** Overdue is not a status: it is an open assignment whose `due_at` has passed. */
export const assignmentStatusEnum = pgEnum("assignment_status", ["open", "done", "waived"]);
export type AssignmentStatus = (typeof assignmentStatusEnum.enumValues)[number];

/** How an assignment came about: the person page, the bulk wizard, a group's rule for late joiners, HR. */
export const assignmentSourceEnum = pgEnum("assignment_source", ["direct", "bulk", "rule", "hr", "import", "api"]);
export type AssignmentSource = (typeof assignmentSourceEnum.enumValues)[number];

/** What happens to the open assignment a group's rule gave someone when they leave the group. */
export const removalPolicyEnum = pgEnum("assignment_removal_policy", ["keep", "waive"]);
export type RemovalPolicy = (typeof removalPolicyEnum.enumValues)[number];

/** Why an open assignment was waived. */
export const waiveReasonEnum = pgEnum("assignment_waive_reason", ["removed", "deactivated"]);
export type WaiveReason = (typeof waiveReasonEnum.enumValues)[number];

/**
 * A bulk assignment "by learning group" keeps applying: whoever joins the group later is assigned the
 * course, with the fixed date or N days after joining. Archiving the group pauses the rule (it is read
 * only for active groups); deleting the group deletes the rule and leaves the assignments.
 */
export const assignmentRules = pgTable(
  "assignment_rules",
  {
    id: uuid().primaryKey().defaultRandom(),
    companyId: uuid().notNull(),
    groupId: uuid().notNull(),
    courseId: uuid().notNull(),
    /** Exactly one of the two: a fixed date, or days after the person joined. */
    dueOn: date({ mode: "string" }),
    dueAfterDays: integer(),
    /** Days relative to the deadline: negative before it, positive after (overdue notices). */
    reminderDays: integer().array().notNull(),
    onRemoval: removalPolicyEnum().notNull().default("keep"),
    createdBy: uuid(),
    createdAt: timestampMs().notNull().defaultNow(),
    updatedAt: timestampMs().notNull().defaultNow(),
  },
  (t) => [
    fk("assignment_rules_company_fk", t.companyId, companies.id, "cascade"),
    fk("assignment_rules_group_fk", t.groupId, learningGroups.id, "cascade"),
    fk("assignment_rules_course_fk", t.courseId, courses.id, "cascade"),
    fk("assignment_rules_created_by_fk", t.createdBy, users.id, "set null"),
    uniqueIndex("assignment_rules_group_course_uq").on(t.groupId, t.courseId),
    check("assignment_rules_one_deadline_ck", sql`(${t.dueOn} is null) <> (${t.dueAfterDays} is null)`),
    check("assignment_rules_after_days_ck", sql`${t.dueAfterDays} is null or ${t.dueAfterDays} between 0 and 3650`),
  ],
);
export type AssignmentRule = typeof assignmentRules.$inferSelect;

/**
 * A mandatory course for one person. At most one open or done assignment per person and course; a
 * waived one may be followed by a new one. The deadline is a date that ends at 23:59 in the learner's
 * time zone: `due_at` is that instant (the start of the next local day), fixed when assigned.
 */
export const assignments = pgTable(
  "assignments",
  {
    id: uuid().primaryKey().defaultRandom(),
    companyId: uuid().notNull(),
    userId: uuid().notNull(),
    courseId: uuid().notNull(),
    status: assignmentStatusEnum().notNull().default("open"),
    source: assignmentSourceEnum().notNull(),
    /** The group it came through (bulk by learning group, or the group's rule); null once the group is deleted. */
    groupId: uuid(),
    ruleId: uuid(),
    dueOn: date({ mode: "string" }).notNull(),
    dueAt: timestampMs().notNull(),
    reminderDays: integer().array().notNull(),
    /** When the scheduler next has something to send; null when nothing is left (done, waived, all sent). */
    nextReminderAt: timestampMs(),
    assignedBy: uuid(),
    assignedAt: timestampMs().notNull().defaultNow(),
    completedAt: timestampMs(),
    waivedAt: timestampMs(),
    waivedReason: waiveReasonEnum(),
    batchId: uuid(),
  },
  // Keys only on the person and the course (their deletes cascade). A 10,000-person assignment pays for
  // every key checked per row, so the company (the person's key cascades from it), the group, the rule
  // and `assigned_by` have none: deleting a group, a rule or a person empties those columns through
  // statement-level triggers (migration 0014), as the keys' `set null` did.
  (t) => [
    fk("assignments_user_fk", t.userId, users.id, "cascade"),
    fk("assignments_course_fk", t.courseId, courses.id, "cascade"),
    uniqueIndex("assignments_user_course_live_uq")
      .on(t.userId, t.courseId)
      .where(sql`${t.status} <> 'waived'`),
    index("assignments_company_course_status_idx").on(t.companyId, t.courseId, t.status),
    index("assignments_group_idx")
      .on(t.groupId)
      .where(sql`${t.groupId} is not null`),
    index("assignments_user_status_due_idx").on(t.userId, t.status, t.dueAt),
    index("assignments_next_reminder_idx")
      .on(t.nextReminderAt)
      .where(sql`${t.status} = 'open' and ${t.nextReminderAt} is not null`),
  ],
);
export type Assignment = typeof assignments.$inferSelect;

/** One reminder or overdue notice per assignment and offset, written once (the unique key) by the scheduler. */
export const assignmentReminders = pgTable(
  "assignment_reminders",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    companyId: uuid().notNull(),
    assignmentId: uuid().notNull(),
    userId: uuid().notNull(),
    /** The reminder's day relative to the deadline: -7, -1, +1 … (positive: an overdue notice). */
    offsetDays: integer().notNull(),
    createdAt: timestampMs().notNull().defaultNow(),
  },
  (t) => [
    fk("assignment_reminders_assignment_fk", t.assignmentId, assignments.id, "cascade"),
    uniqueIndex("assignment_reminders_assignment_offset_uq").on(t.assignmentId, t.offsetDays),
  ],
);

/**
 * Email written in the transaction that caused it and sent afterwards, at least once: a crash between
 * sending and marking sends the same message again, with the same Message-ID. The body is rendered at
 * send time from `template` and `payload`, in the recipient's locale.
 */
export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: uuid().primaryKey().defaultRandom(),
    companyId: uuid().notNull(),
    userId: uuid().notNull(),
    /** Stable across retries: `<uuid@cohort.mail>`. */
    messageId: text()
      .notNull()
      .default(sql`'<' || gen_random_uuid()::text || '@cohort.mail>'`),
    template: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    /** The assignment a reminder is about: a reminder for an assignment no longer open is not sent. */
    assignmentId: uuid(),
    createdAt: timestampMs().notNull().defaultNow(),
    /** A sender's lease: another run skips the row until it expires. */
    claimedUntil: timestampMs(),
    attempts: integer().notNull().default(0),
    sentAt: timestampMs(),
    /** Given up on (too many attempts, or no longer relevant), with the reason. */
    droppedAt: timestampMs(),
    lastError: text(),
  },
  // No foreign keys, for the assignments' reason (a 10,000-person assignment queues 10,000 mails): every
  // row is written from the assignment or reminder just inserted in the same statement, and deleting a
  // person or an assignment deletes their mail through statement-level triggers (migration 0015).
  (t) => [
    uniqueIndex("mail_outbox_message_id_uq").on(t.messageId),
    // Deleting assignments (their trigger) and the drain's "no longer open" check look rows up by assignment.
    index("mail_outbox_assignment_idx")
      .on(t.assignmentId)
      .where(sql`${t.assignmentId} is not null`),
    index("mail_outbox_pending_idx")
      .on(t.createdAt)
      .where(sql`${t.sentAt} is null and ${t.droppedAt} is null`),
  ],
);
export type OutboxRow = typeof mailOutbox.$inferSelect;

/**
 * The assignment overview's figures (/admin/assignments), kept by statement triggers on `assignments`
 * in the transactions that change them (migration 0029): how many live assignments there are per
 * course, group they came through (null: none), status and, for open ones, deadline. The overview sums
 * these rows, a handful per course, instead of grouping every assignment; overdue is the open rows
 * whose deadline has passed, so the moment of reading decides it, as before. Waived assignments count
 * nowhere. The daily figures check recounts them (lib/statistics/figures.ts).
 */
export const assignmentCounts = pgTable(
  "assignment_counts",
  {
    companyId: uuid().notNull(),
    courseId: uuid().notNull(),
    groupId: uuid(),
    status: assignmentStatusEnum().notNull(),
    /** The deadline of open assignments; null for done ones, whose deadline no figure reads. */
    dueAt: timestampMs(),
    assignments: integer().notNull(),
  },
  // No key on the course or the group, as `assignments` has none on its group: a course's or group's
  // assignments leave (or lose their group) through their own triggers, and these rows follow them.
  (t) => [
    fk("assignment_counts_company_fk", t.companyId, companies.id, "cascade"),
    unique("assignment_counts_key_uq").on(t.companyId, t.courseId, t.groupId, t.status, t.dueAt).nullsNotDistinct(),
    check("assignment_counts_live_check", sql`${t.status} <> 'waived' and (${t.dueAt} is null) = (${t.status} = 'done')`),
  ],
);
