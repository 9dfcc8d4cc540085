import { describe, expect, it } from "vitest";
import { assignCourseSchema } from "./schemas";

const base = {
  courseId: "6f1c1a52-3c1e-4d5e-9a57-1d2f3b4c5d6e",
  operationId: "0b0c8a4e-7c2d-4f1e-8a3b-2c4d6e8f0a1b",
  selection: { mode: "individuals", userIds: ["9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"] },
  deadline: { kind: "relative", days: 14 },
};
const issues = (input: unknown) => {
  const parsed = assignCourseSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
};

describe("the assignment form's schema", () => {
  it("defaults the reminders to 7 and 1 days before and the day after, and a group to keep applying and keep on removal", () => {
    const parsed = assignCourseSchema.parse({ ...base, selection: { mode: "group", groupId: base.courseId } });
    expect(parsed.reminderDays).toEqual([-7, -1, 1]);
    expect(parsed.selection).toEqual({ mode: "group", groupId: base.courseId, keepApplying: true, onRemoval: "keep" });
  });

  it("sorts reminders, and refuses the deadline day itself, repeats, more than 10 and days out of range", () => {
    expect(assignCourseSchema.parse({ ...base, reminderDays: [3, -2] }).reminderDays).toEqual([-2, 3]);
    expect(issues({ ...base, reminderDays: [0] })).toEqual(["reminderDays.0: validation.reminderDayZero"]);
    expect(issues({ ...base, reminderDays: [-1, -1] })).toEqual(["reminderDays: validation.reminderDaysDistinct"]);
    expect(issues({ ...base, reminderDays: Array.from({ length: 11 }, (_, i) => i + 1) })).toEqual([
      "reminderDays: validation.tooManyReminders",
    ]);
    expect(issues({ ...base, reminderDays: [400] })).toEqual(["reminderDays.0: validation.reminderDayRange"]);
  });

  it("takes a date as YYYY-MM-DD and N days from 1 to 3,650", () => {
    expect(issues({ ...base, deadline: { kind: "date", dueOn: "2026-12-31" } })).toEqual([]);
    expect(issues({ ...base, deadline: { kind: "date", dueOn: "31.12.2026" } })).toEqual(["deadline.dueOn: validation.date"]);
    expect(issues({ ...base, deadline: { kind: "relative", days: 0 } })).toEqual(["deadline.days: validation.deadlineDaysRange"]);
    expect(issues({ ...base, deadline: { kind: "relative", days: 3651 } })).toEqual(["deadline.days: validation.deadlineDaysRange"]);
  });

  it("takes up to 10,000 people, each once", () => {
    const id = base.selection.userIds[0]!;
    expect(assignCourseSchema.parse({ ...base, selection: { mode: "individuals", userIds: [id, id] } }).selection).toEqual({
      mode: "individuals",
      userIds: [id],
    });
    expect(issues({ ...base, selection: { mode: "individuals", userIds: [] } })).toEqual(["selection.userIds: validation.selectSomeone"]);
  });
});
