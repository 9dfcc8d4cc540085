import { z } from "zod";
import { isoDateField } from "@/lib/dates";

/**
 * The default reminders: 7 days before, 1 day before, and the day after the deadline (an overdue
 * notice). Here rather than in deadlines.ts (SQL), so the browser's form reads it without drizzle.
 */
export const DEFAULT_REMINDER_DAYS: readonly number[] = [-7, -1, 1];

/** The most people one wizard run picks one by one; departments and groups are unbounded. */
export const MAX_ASSIGNED_INDIVIDUALS = 10_000;

const uniqueIds = z
  .array(z.uuid())
  .min(1, { error: "validation.selectSomeone" })
  .max(MAX_ASSIGNED_INDIVIDUALS, { error: "validation.tooManySelected" })
  .transform((ids) => [...new Set(ids)]);

/** Who is assigned: the wizard's three tabs (individually, by department, by learning group). */
export const assignmentSelectionSchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("individuals"), userIds: uniqueIds }),
  z.object({ mode: z.literal("department"), departmentId: z.uuid() }),
  z.object({
    mode: z.literal("group"),
    groupId: z.uuid(),
    /** Whoever joins the group later is assigned too (a rule on the group). */
    keepApplying: z.boolean().default(true),
    /** What happens to the open assignment of someone who leaves the group. */
    onRemoval: z.enum(["keep", "waive"]).default("keep"),
  }),
]);
export type AssignmentSelection = z.output<typeof assignmentSelectionSchema>;

const isoDate = isoDateField("validation.date");

/** A fixed date (ending 23:59 in the learner's zone), or N days after the assignment (after joining, for a rule). */
export const deadlineSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("date"), dueOn: isoDate }),
  z.object({
    kind: z.literal("relative"),
    days: z
      .int({ error: "validation.deadlineDaysRange" })
      .min(1, { error: "validation.deadlineDaysRange" })
      .max(3650, { error: "validation.deadlineDaysRange" }),
  }),
]);
export type Deadline = z.output<typeof deadlineSchema>;

/** Days relative to the deadline: negative before it, positive after (overdue notices); never the day itself. */
export const reminderDaysSchema = z
  .array(
    z
      .int({ error: "validation.reminderDayRange" })
      .min(-365, { error: "validation.reminderDayRange" })
      .max(365, { error: "validation.reminderDayRange" })
      .refine((day) => day !== 0, { error: "validation.reminderDayZero" }),
  )
  .max(10, { error: "validation.tooManyReminders" })
  .refine((days) => new Set(days).size === days.length, { error: "validation.reminderDaysDistinct" })
  .default(() => [...DEFAULT_REMINDER_DAYS])
  .transform((days) => [...days].sort((a, b) => a - b));

const assignmentTerms = {
  courseId: z.uuid(),
  deadline: deadlineSchema,
  reminderDays: reminderDaysSchema,
};

export const previewAssignmentSchema = z.object({ ...assignmentTerms, selection: assignmentSelectionSchema });
export const assignCourseSchema = previewAssignmentSchema.extend({ operationId: z.uuid() });
/** The person page's "Assign a course": one person, source `direct`. */
export const assignPersonSchema = z.object({ ...assignmentTerms, personId: z.uuid(), operationId: z.uuid() });
export const groupRulesSchema = z.object({ groupId: z.uuid() });
export const endRuleSchema = z.object({ ruleId: z.uuid(), operationId: z.uuid() });

export type PreviewAssignmentInput = z.output<typeof previewAssignmentSchema>;
export type AssignCourseInput = z.output<typeof assignCourseSchema>;
export type AssignPersonInput = z.output<typeof assignPersonSchema>;
export type EndRuleInput = z.output<typeof endRuleSchema>;
