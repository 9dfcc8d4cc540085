import { z } from "zod";
import { isoDateField } from "@/lib/dates";
import { invitePersonSchema } from "@/lib/accounts/schemas";
import { reminderDaysSchema } from "@/lib/assignments/schemas";
import { searchTermField } from "@/lib/text";

/** Groups one form may name: an onboarding wave is a handful, never hundreds. */
export const MAX_FORM_GROUPS = 20;
/** Mandatory courses one new hire may be given in the form. */
export const MAX_FORM_COURSES = 20;

const operationId = z.uuid();
const optionalUuid = z.preprocess((value) => (value === "" || value === undefined ? null : value), z.uuid().nullable());

const groupIds = z
  .array(z.uuid())
  .max(MAX_FORM_GROUPS, { error: "validation.tooManyGroups" })
  .transform((ids) => [...new Set(ids)])
  .default([]);

/** A mandatory course and its deadline, N days after the start date. */
const courseTerm = z.object({
  courseId: z.uuid(),
  daysAfterStart: z
    .int({ error: "validation.deadlineDaysRange" })
    .min(1, { error: "validation.deadlineDaysRange" })
    .max(3650, { error: "validation.deadlineDaysRange" }),
});

export const newHireSchema = invitePersonSchema.pick({ name: true, email: true, departmentId: true }).extend({
  managerId: optionalUuid.default(null),
  startDate: isoDateField("validation.date"),
  groupIds,
  courses: z
    .array(courseTerm)
    .max(MAX_FORM_COURSES, { error: "validation.tooManyCourses" })
    .refine((courses) => new Set(courses.map((course) => course.courseId)).size === courses.length, {
      error: "validation.coursesDistinct",
    })
    .default([]),
  reminderDays: reminderDaysSchema,
  operationId,
});
export type NewHireInput = z.output<typeof newHireSchema>;

export const departmentChangeSchema = z.object({
  personId: z.uuid(),
  departmentId: z.uuid(),
  /** Groups chosen for the new department: the person joins them. */
  addGroupIds: groupIds,
  /** The person's current active groups they leave; each group's rule keeps or waives its assignments. */
  removeGroupIds: groupIds,
  operationId,
});
export type DepartmentChangeInput = z.output<typeof departmentChangeSchema>;

export const personGroupsSchema = z.object({ personId: z.uuid() });
export const personSearchSchema = z.object({ term: searchTermField(200).pipe(z.string().min(1)) });
export const formGroupSearchSchema = z.object({ term: searchTermField(100) });
