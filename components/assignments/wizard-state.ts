import type { AssignResult } from "@/lib/assignments/assign";
import type { AssignmentSelection, PreviewAssignmentInput } from "@/lib/assignments/schemas";
import type { DepartmentOption } from "@/lib/departments/queries";
import type { GroupOption } from "@/lib/groups/queries";
import type { CourseOption } from "@/lib/learning/queries";
import type { AssignmentPreview } from "@/lib/assignments/selection";
import type { PersonMatch } from "@/lib/people/queries/search";
import { initialTerms, type TermsDraft, termsInput } from "./assignment-terms";

/**
 * The bulk assignment wizard's state and every change it can go through, as one reducer: plain
 * data in, plain data out, so the steps' rules are tested without rendering (wizard-state.test.ts).
 */

export const STEPS = ["course", "people", "deadline", "preview"] as const;
export type Step = (typeof STEPS)[number];
export type Mode = AssignmentSelection["mode"];
/** What becomes of a group's assignments when someone leaves the group. */
export type RemovalChoice = "keep" | "waive";

export type WizardStart = { course?: CourseOption; group?: GroupOption };

export type WizardState = {
  step: Step;
  course: CourseOption | null;
  mode: Mode;
  people: PersonMatch[];
  department: DepartmentOption | null;
  group: GroupOption | null;
  keepApplying: boolean;
  onRemoval: RemovalChoice;
  terms: TermsDraft;
  /** A step's own complaint (an error key), before anything is sent. */
  localError: string | null;
  preview: AssignmentPreview | null;
  result: AssignResult | null;
  /** Whether the person moved through the wizard: focus follows the step from then on, not on first render. */
  moved: boolean;
};

export type WizardAction =
  | { type: "course"; course: CourseOption | null }
  | { type: "mode"; mode: Mode }
  | { type: "people"; people: PersonMatch[] }
  | { type: "department"; department: DepartmentOption | null }
  | { type: "group"; group: GroupOption | null }
  | { type: "keepApplying"; keepApplying: boolean }
  | { type: "onRemoval"; onRemoval: RemovalChoice }
  | { type: "terms"; terms: TermsDraft }
  /** "Next" on the course or people step: on to the following step, or the step's complaint. */
  | { type: "next" }
  | { type: "go"; step: Step }
  | { type: "previewed"; preview: AssignmentPreview }
  | { type: "assigned"; result: AssignResult };

/** A wizard opened from a course or a group starts with it chosen (by group, when a group is given). */
export function initialWizardState(start: WizardStart): WizardState {
  return {
    step: "course",
    course: start.course ?? null,
    mode: start.group ? "group" : "individuals",
    people: [],
    department: null,
    group: start.group ?? null,
    keepApplying: true,
    onRemoval: "keep",
    terms: initialTerms(),
    localError: null,
    preview: null,
    result: null,
    moved: false,
  };
}

/** The people the current tab names, or null while it names nobody. */
export function selectionOf(state: WizardState): AssignmentSelection | null {
  const { mode } = state;
  if (mode === "individuals") return state.people.length > 0 ? { mode, userIds: state.people.map((person) => person.id) } : null;
  if (mode === "department") return state.department ? { mode, departmentId: state.department.id } : null;
  return state.group ? { mode, groupId: state.group.id, keepApplying: state.keepApplying, onRemoval: state.onRemoval } : null;
}

/** What the preview and Confirm send, once people are chosen. */
export function previewInput(state: WizardState): PreviewAssignmentInput | null {
  const selection = selectionOf(state);
  return selection && state.course ? { courseId: state.course.id, selection, ...termsInput(state.terms) } : null;
}

/** Whether the assignment keeps applying to people who join the group later. */
export const keepsApplying = (state: WizardState): boolean => state.mode === "group" && state.keepApplying;

/** What "Next" finds missing on the course or people step, as an error key; null when nothing is. */
export function missingOnStep(state: WizardState): string | null {
  if (state.step === "course") return state.course ? null : "validation.chooseCourse";
  if (state.step === "people" && !selectionOf(state)) {
    if (state.mode === "individuals") return "validation.selectSomeone";
    return state.mode === "department" ? "validation.chooseDepartment" : "validation.chooseGroup";
  }
  return null;
}

const go = (state: WizardState, step: Step): WizardState => ({ ...state, step, localError: null, moved: true });

export function wizardReducer(state: WizardState, action: WizardAction): WizardState {
  switch (action.type) {
    case "course":
      return { ...state, course: action.course };
    case "mode":
      return { ...state, mode: action.mode, localError: null };
    case "people":
      return { ...state, people: action.people };
    case "department":
      return { ...state, department: action.department };
    case "group":
      return { ...state, group: action.group };
    case "keepApplying":
      return { ...state, keepApplying: action.keepApplying };
    case "onRemoval":
      return { ...state, onRemoval: action.onRemoval };
    case "terms":
      return { ...state, terms: action.terms };
    case "next": {
      if (state.step !== "course" && state.step !== "people") return state;
      const missing = missingOnStep(state);
      if (missing) return { ...state, localError: missing };
      return go(state, state.step === "course" ? "people" : "deadline");
    }
    case "go":
      return go(state, action.step);
    case "previewed":
      return go({ ...state, preview: action.preview }, "preview");
    case "assigned":
      return { ...state, result: action.result, moved: true };
  }
}
