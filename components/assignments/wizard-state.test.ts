import { describe, expect, it } from "vitest";
import type { AssignmentPreview } from "@/lib/assignments/selection";
import {
  initialWizardState,
  keepsApplying,
  missingOnStep,
  previewInput,
  selectionOf,
  type WizardAction,
  wizardReducer,
} from "./wizard-state";

const person = (id: string) => ({
  id,
  name: id,
  email: `${id}@example.com`,
  departmentName: null,
  match: 1 as const,
  alreadyMember: false,
});
const wave = { id: "g", name: "Wave", memberCount: 3, archived: false };
const course = { id: "c", title: "Safety" };
const sales = { id: "d", name: "Sales", activePeople: 4 };
const run = (...actions: WizardAction[]) => actions.reduce(wizardReducer, initialWizardState({}));
const preview: AssignmentPreview = { selected: 3, toAssign: 2, alreadyAssigned: 1, alreadyCompleted: 0, deactivated: 0, ruleExists: null };

describe("the bulk assignment wizard's state", () => {
  it("starts on the course step, individually, with nothing chosen and focus left to the page", () => {
    const state = initialWizardState({});
    expect(state).toMatchObject({ step: "course", course: null, mode: "individuals", keepApplying: true, onRemoval: "keep", moved: false });
    expect(state.terms.reminderDays).toEqual([-7, -1, 1]);
  });

  it("starts by group with the group chosen when opened from a group", () => {
    expect(initialWizardState({ course, group: wave })).toMatchObject({ course, mode: "group", group: wave });
  });

  it("refuses to leave the course step without a course, then moves on once one is chosen", () => {
    const refused = run({ type: "next" });
    expect(refused).toMatchObject({ step: "course", localError: "validation.chooseCourse", moved: false });
    const moved = wizardReducer(wizardReducer(refused, { type: "course", course }), { type: "next" });
    expect(moved).toMatchObject({ step: "people", localError: null, moved: true });
  });

  it.each([
    ["individuals", "validation.selectSomeone"],
    ["department", "validation.chooseDepartment"],
    ["group", "validation.chooseGroup"],
  ] as const)("asks for the %s tab's choice on the people step", (mode, error) => {
    const state = run({ type: "course", course }, { type: "next" }, { type: "mode", mode }, { type: "next" });
    expect(state).toMatchObject({ step: "people", localError: error });
    expect(missingOnStep(state)).toBe(error);
  });

  it("clears the step's complaint when the tab changes", () => {
    const state = run({ type: "course", course }, { type: "next" }, { type: "next" }, { type: "mode", mode: "group" });
    expect(state.localError).toBeNull();
  });

  it("names the people of the current tab only", () => {
    const base = run(
      { type: "people", people: [person("a"), person("b")] },
      { type: "department", department: sales },
      { type: "group", group: wave },
      { type: "keepApplying", keepApplying: false },
      { type: "onRemoval", onRemoval: "waive" },
    );
    expect(selectionOf(base)).toEqual({ mode: "individuals", userIds: ["a", "b"] });
    expect(selectionOf(wizardReducer(base, { type: "mode", mode: "department" }))).toEqual({ mode: "department", departmentId: "d" });
    const byGroup = wizardReducer(base, { type: "mode", mode: "group" });
    expect(selectionOf(byGroup)).toEqual({ mode: "group", groupId: "g", keepApplying: false, onRemoval: "waive" });
    expect(keepsApplying(byGroup)).toBe(false);
    expect(keepsApplying(wizardReducer(byGroup, { type: "keepApplying", keepApplying: true }))).toBe(true);
  });

  it("sends the course, the people and the terms as typed", () => {
    const terms = { kind: "relative" as const, dueOn: "", days: "14", reminderDays: [-1] };
    const state = run({ type: "course", course }, { type: "people", people: [person("a")] }, { type: "terms", terms });
    expect(previewInput(state)).toEqual({
      courseId: "c",
      selection: { mode: "individuals", userIds: ["a"] },
      deadline: { kind: "relative", days: 14 },
      reminderDays: [-1],
    });
    expect(previewInput(initialWizardState({ course }))).toBeNull();
  });

  it("goes to the preview with its numbers, back a step, and to the result", () => {
    const previewed = run({ type: "course", course }, { type: "previewed", preview });
    expect(previewed).toMatchObject({ step: "preview", preview, moved: true });
    expect(wizardReducer(previewed, { type: "go", step: "deadline" }).step).toBe("deadline");
    const result = { assigned: 2, alreadyAssigned: 1, alreadyCompleted: 0, deactivated: 0, ruleId: null };
    expect(wizardReducer(previewed, { type: "assigned", result })).toMatchObject({ result, step: "preview" });
  });

  it("does nothing on Next past the people step: the deadline asks the server", () => {
    const state = { ...initialWizardState({}), step: "deadline" as const };
    expect(wizardReducer(state, { type: "next" })).toBe(state);
  });
});
