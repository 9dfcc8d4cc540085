import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { MAX_FORM_GROUPS, newHireSchema } from "./schemas";

const base = () => ({ name: "Nora New", email: " Nora@Example.COM ", startDate: "2026-03-09", operationId: randomUUID() });
const messages = (input: unknown) =>
  newHireSchema.safeParse(input).error?.issues.map((issue) => [issue.path.join("."), issue.message]) ?? [];

describe("newHireSchema", () => {
  it("normalizes the email, defaults groups, courses, department, manager and reminders", () => {
    const parsed = newHireSchema.parse({ ...base(), departmentId: "", managerId: "" });
    expect(parsed).toMatchObject({ email: "nora@example.com", departmentId: null, managerId: null, groupIds: [], courses: [] });
    expect(parsed.reminderDays.length).toBeGreaterThan(0);
  });

  it("de-duplicates groups and refuses too many, a course chosen twice, a deadline out of range and a bad date", () => {
    const group = randomUUID();
    expect(newHireSchema.parse({ ...base(), groupIds: [group, group] }).groupIds).toEqual([group]);
    const many = Array.from({ length: MAX_FORM_GROUPS + 1 }, () => randomUUID());
    const course = randomUUID();
    expect(messages({ ...base(), groupIds: many })).toEqual([["groupIds", "validation.tooManyGroups"]]);
    expect(
      messages({
        ...base(),
        courses: [
          { courseId: course, daysAfterStart: 5 },
          { courseId: course, daysAfterStart: 9 },
        ],
      }),
    ).toEqual([["courses", "validation.coursesDistinct"]]);
    expect(messages({ ...base(), courses: [{ courseId: course, daysAfterStart: 0 }] })).toEqual([
      ["courses.0.daysAfterStart", "validation.deadlineDaysRange"],
    ]);
    expect(messages({ ...base(), startDate: "09/03/2026" })).toEqual([["startDate", "validation.date"]]);
  });
});
