"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { type ReactNode, useEffect, useMemo, useRef, useState } from "react";
import { PersonPicker } from "@/components/membership/person-picker";
import { ActionAlert } from "@/components/ui/action-alert";
import { Button, buttonClass } from "@/components/ui/button";
import { FormField, inputClass } from "@/components/ui/form-field";
import { Tabs } from "@/components/ui/tabs";
import { useAction } from "@/components/ui/use-action";
import { useFieldErrorMessage } from "@/components/ui/use-error-message";
import { assignCourseAction, previewAssignmentAction } from "@/lib/assignments/actions";
import type { AssignmentSelection, PreviewAssignmentInput } from "@/lib/assignments/schemas";
import type { AssignmentPreview } from "@/lib/assignments/selection";
import type { AssignResult } from "@/lib/assignments/assign";
import type { GroupOption } from "@/lib/groups/queries";
import type { CourseOption } from "@/lib/learning/queries";
import type { DepartmentOption, PersonMatch } from "@/lib/people/queries";
import { AssignmentTermsFields, initialTerms, TERMS_FIELDS, termsInput, ReminderList } from "./assignment-terms";

const STEPS = ["course", "people", "deadline", "preview"] as const;
type Step = (typeof STEPS)[number];
type Mode = AssignmentSelection["mode"];

export type WizardOptions = { courses: CourseOption[]; departments: DepartmentOption[]; groups: GroupOption[] };
export type WizardStart = { courseId?: string; groupId?: string };

/**
 * "Bulk assignment": course, people (individually, by department, by learning group), deadline and
 * reminders, then the preview's numbers and Confirm. One operation id per wizard run, so a repeated
 * Confirm assigns once. Each step's heading takes focus when the step opens.
 */
export function BulkAssignmentWizard({ options, start }: { options: WizardOptions; start: WizardStart }) {
  const t = useTranslations("assignmentWizard");
  const [operationId] = useState(() => crypto.randomUUID());
  const [step, setStep] = useState<Step>("course");
  const [courseId, setCourseId] = useState(start.courseId ?? "");
  const [mode, setMode] = useState<Mode>(start.groupId ? "group" : "individuals");
  const [people, setPeople] = useState<PersonMatch[]>([]);
  const [departmentId, setDepartmentId] = useState("");
  const [groupId, setGroupId] = useState(start.groupId ?? "");
  const [keepApplying, setKeepApplying] = useState(true);
  const [onRemoval, setOnRemoval] = useState<"keep" | "waive">("keep");
  const [terms, setTerms] = useState(initialTerms);
  const [localError, setLocalError] = useState<string | null>(null);
  const [preview, setPreview] = useState<AssignmentPreview | null>(null);
  const [result, setResult] = useState<AssignResult | null>(null);
  const check = useAction(previewAssignmentAction);
  const assign = useAction(assignCourseAction);
  const heading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);

  useEffect(() => {
    // Focus follows the step (not on first render, where the page heading leads).
    if (moved.current) heading.current?.focus();
  }, [step, result]);

  const selection = useMemo((): AssignmentSelection | null => {
    if (mode === "individuals") return people.length > 0 ? { mode, userIds: people.map((person) => person.id) } : null;
    if (mode === "department") return departmentId ? { mode, departmentId } : null;
    return groupId ? { mode, groupId, keepApplying, onRemoval } : null;
  }, [mode, people, departmentId, groupId, keepApplying, onRemoval]);

  const go = (next: Step) => {
    moved.current = true;
    setLocalError(null);
    setStep(next);
  };
  const index = STEPS.indexOf(step);

  const input = (): PreviewAssignmentInput | null => (selection ? { courseId, selection, ...termsInput(terms) } : null);

  const next = () => {
    if (step === "course") {
      if (!courseId) return setLocalError("validation.chooseCourse");
      return go("people");
    }
    if (step === "people") {
      if (!selection) {
        return setLocalError(
          mode === "individuals"
            ? "validation.selectSomeone"
            : mode === "department"
              ? "validation.chooseDepartment"
              : "validation.chooseGroup",
        );
      }
      return go("deadline");
    }
    const payload = input();
    if (step === "deadline" && payload) {
      check.run(payload, (data) => {
        setPreview(data);
        go("preview");
      });
    }
  };

  const confirm = () => {
    const payload = input();
    if (payload) {
      assign.run({ ...payload, operationId }, (data) => {
        moved.current = true;
        setResult(data);
      });
    }
  };

  if (result) {
    return (
      <section aria-labelledby="wizard-step" className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h2 id="wizard-step" ref={heading} tabIndex={-1} className="text-lg font-semibold outline-none">
          {t("done.title")}
        </h2>
        <p role="status">{t("done.assigned", { count: result.assigned })}</p>
        {result.ruleId && <p className="text-sm text-slate-700">{t("done.rule")}</p>}
        <PreviewCounts counts={result} />
        <Link href="/admin/assignments" className={buttonClass("primary")}>
          {t("done.overview")}
        </Link>
      </section>
    );
  }

  const course = options.courses.find((option) => option.id === courseId);
  const error = step === "preview" ? assign.error : step === "deadline" ? check.error : null;
  return (
    <div className="space-y-6">
      <ol aria-label={t("stepsLabel")} className="flex flex-wrap gap-2 text-sm">
        {STEPS.map((name, position) => (
          <li
            key={name}
            aria-current={name === step ? "step" : undefined}
            className={`rounded-full px-3 py-1 ${name === step ? "bg-brand-600 text-white" : position < index ? "bg-brand-50 text-brand-800" : "bg-slate-100 text-slate-600"}`}
          >
            {position + 1}. {t(`steps.${name}`)}
          </li>
        ))}
      </ol>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (step === "preview") confirm();
          else next();
        }}
        className="space-y-5 rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
      >
        <div>
          <p className="text-xs font-medium tracking-wide text-slate-600 uppercase">
            {t("stepOf", { step: index + 1, total: STEPS.length })}
          </p>
          <h2 id="wizard-step" ref={heading} tabIndex={-1} className="text-lg font-semibold outline-none">
            {t(`steps.${step}`)}
          </h2>
        </div>
        {step === "course" && <CourseStep courses={options.courses} selected={courseId} onChange={setCourseId} error={localError} />}
        {step === "people" && (
          <Tabs
            label={t("people.tabsLabel")}
            tabs={[
              { id: "individuals", label: t("people.individuals") },
              { id: "department", label: t("people.department") },
              { id: "group", label: t("people.group") },
            ]}
            selected={mode}
            onSelect={(id) => {
              setMode(id);
              setLocalError(null);
            }}
          >
            <div className="min-h-40 space-y-4">
              {mode === "individuals" && <PersonPicker picked={people} onChange={setPeople} />}
              {mode === "department" && (
                <DepartmentSelect departments={options.departments} selected={departmentId} onChange={setDepartmentId} error={localError} />
              )}
              {mode === "group" && (
                <GroupRuleFields
                  groups={options.groups}
                  groupId={groupId}
                  onGroup={setGroupId}
                  keepApplying={keepApplying}
                  onKeepApplying={setKeepApplying}
                  onRemoval={onRemoval}
                  onOnRemoval={setOnRemoval}
                  error={localError}
                />
              )}
              {mode === "individuals" && localError && <InlineError keyName={localError} />}
            </div>
          </Tabs>
        )}
        {step === "deadline" && (
          <AssignmentTermsFields
            draft={terms}
            onChange={setTerms}
            fieldErrors={check.error?.fieldErrors}
            relativeForJoiners={mode === "group" && keepApplying}
          />
        )}
        {step === "preview" && preview && (
          <PreviewStep
            preview={preview}
            courseTitle={course?.title ?? ""}
            selectionLabel={selectionLabel()}
            terms={termsInput(terms)}
            keepApplying={mode === "group" ? keepApplying : null}
          />
        )}
        <ActionAlert error={error} fields={step === "deadline" ? TERMS_FIELDS : []} />
        <div className="flex flex-col-reverse gap-2 border-t border-slate-200 pt-4 sm:flex-row sm:justify-between">
          <Button onClick={() => go(STEPS[index - 1] ?? "course")} disabled={index === 0 || check.pending || assign.pending}>
            {t("previous")}
          </Button>
          {step === "preview" ? (
            <Button
              type="submit"
              variant="primary"
              pending={assign.pending}
              disabled={!preview || (preview.toAssign + preview.alreadyCompleted === 0 && !keepsApplying())}
            >
              {assign.pending ? t("confirming") : t("confirm")}
            </Button>
          ) : (
            <Button type="submit" variant="primary" pending={check.pending}>
              {check.pending ? t("checking") : t("next")}
            </Button>
          )}
        </div>
      </form>
    </div>
  );

  function keepsApplying(): boolean {
    return mode === "group" && keepApplying;
  }

  function selectionLabel(): string {
    if (mode === "individuals") return t("preview.selectionIndividuals", { count: people.length });
    if (mode === "department")
      return t("preview.selectionDepartment", { name: options.departments.find((d) => d.id === departmentId)?.name ?? "" });
    return t("preview.selectionGroup", { name: options.groups.find((g) => g.id === groupId)?.name ?? "" });
  }
}

function InlineError({ keyName }: { keyName: string }) {
  const fieldMessage = useFieldErrorMessage();
  return (
    <p role="alert" className="text-sm text-red-700">
      {fieldMessage(keyName)}
    </p>
  );
}

/** Step 1: the company's courses, narrowed by a search over their titles. */
function CourseStep({
  courses,
  selected,
  onChange,
  error,
}: {
  courses: readonly CourseOption[];
  selected: string;
  onChange: (id: string) => void;
  error: string | null;
}) {
  const t = useTranslations("assignmentWizard.course");
  const [term, setTerm] = useState("");
  const needle = term.trim().toLowerCase();
  const shown = needle ? courses.filter((course) => course.title.toLowerCase().includes(needle) || course.id === selected) : courses;
  if (courses.length === 0) return <p className="text-sm text-slate-700">{t("none")}</p>;
  return (
    <div className="max-w-xl space-y-4">
      <FormField label={t("search")} hint={t("searchHint")}>
        {(control) => (
          <input
            {...control}
            type="search"
            autoComplete="off"
            value={term}
            onChange={(event) => setTerm(event.target.value)}
            className={inputClass}
          />
        )}
      </FormField>
      <FormField label={t("label")} errors={error ? [error] : undefined}>
        {(control) => (
          <select
            {...control}
            size={Math.min(8, Math.max(2, shown.length))}
            value={selected}
            onChange={(event) => onChange(event.target.value)}
            className={inputClass}
          >
            {shown.map((course) => (
              <option key={course.id} value={course.id}>
                {course.title}
              </option>
            ))}
          </select>
        )}
      </FormField>
      {shown.length === 0 && <p className="text-sm text-slate-700">{t("noMatch", { term: term.trim() })}</p>}
    </div>
  );
}

function DepartmentSelect({
  departments,
  selected,
  onChange,
  error,
}: {
  departments: readonly DepartmentOption[];
  selected: string;
  onChange: (id: string) => void;
  error: string | null;
}) {
  const t = useTranslations("assignmentWizard.people");
  if (departments.length === 0) return <p className="text-sm text-slate-700">{t("noDepartments")}</p>;
  return (
    <div className="max-w-xl">
      <FormField label={t("departmentLabel")} errors={error ? [error] : undefined}>
        {(control) => (
          <select {...control} value={selected} onChange={(event) => onChange(event.target.value)} className={inputClass}>
            <option value="">{t("chooseDepartment")}</option>
            {departments.map((department) => (
              <option key={department.id} value={department.id}>
                {t("departmentOption", { name: department.name, count: department.activePeople })}
              </option>
            ))}
          </select>
        )}
      </FormField>
    </div>
  );
}

/** "By learning group": the group, whether the assignment keeps applying to people who join, and what happens when they leave. */
function GroupRuleFields(props: {
  groups: readonly GroupOption[];
  groupId: string;
  onGroup: (id: string) => void;
  keepApplying: boolean;
  onKeepApplying: (value: boolean) => void;
  onRemoval: "keep" | "waive";
  onOnRemoval: (value: "keep" | "waive") => void;
  error: string | null;
}) {
  const t = useTranslations("assignmentWizard.people");
  if (props.groups.length === 0) return <p className="text-sm text-slate-700">{t("noGroups")}</p>;
  return (
    <div className="max-w-xl space-y-4">
      <FormField label={t("groupLabel")} errors={props.error ? [props.error] : undefined}>
        {(control) => (
          <select {...control} value={props.groupId} onChange={(event) => props.onGroup(event.target.value)} className={inputClass}>
            <option value="">{t("chooseGroup")}</option>
            {props.groups.map((group) => (
              <option key={group.id} value={group.id}>
                {t("groupOption", { name: group.name, count: group.memberCount })}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <label className="flex cursor-pointer items-start gap-2 text-sm">
        <input
          type="checkbox"
          checked={props.keepApplying}
          onChange={(event) => props.onKeepApplying(event.target.checked)}
          className="mt-1 accent-brand-600"
        />
        <span>
          <span className="font-medium text-slate-900">{t("keepApplying")}</span>
          <span className="block text-xs text-slate-600">{t("keepApplyingHint")}</span>
        </span>
      </label>
      <fieldset>
        <legend className="text-sm font-medium text-slate-900">{t("onRemoval")}</legend>
        <div className="mt-2 grid gap-2">
          {(["keep", "waive"] as const).map((value) => (
            <label key={value} className="flex cursor-pointer items-center gap-2 text-sm">
              <input
                type="radio"
                name="wizard-on-removal"
                checked={props.onRemoval === value}
                onChange={() => props.onOnRemoval(value)}
                className="accent-brand-600"
              />
              {t(value)}
            </label>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

function PreviewCounts({ counts }: { counts: Pick<AssignmentPreview, "alreadyAssigned" | "alreadyCompleted" | "deactivated"> }) {
  const t = useTranslations("assignmentWizard.preview");
  const lines: ReactNode[] = [];
  if (counts.alreadyAssigned > 0) lines.push(t("alreadyAssigned", { count: counts.alreadyAssigned }));
  if (counts.alreadyCompleted > 0) lines.push(t("alreadyCompleted", { count: counts.alreadyCompleted }));
  if (counts.deactivated > 0) lines.push(t("deactivated", { count: counts.deactivated }));
  if (lines.length === 0) return null;
  return (
    <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
      {lines.map((line, position) => (
        <li key={position}>{line}</li>
      ))}
    </ul>
  );
}

/** Step 4: what was chosen, and the numbers Confirm would produce. */
function PreviewStep({
  preview,
  courseTitle,
  selectionLabel,
  terms,
  keepApplying,
}: {
  preview: AssignmentPreview;
  courseTitle: string;
  selectionLabel: string;
  terms: ReturnType<typeof termsInput>;
  keepApplying: boolean | null;
}) {
  const t = useTranslations("assignmentWizard.preview");
  const tt = useTranslations("assignmentTerms");
  const deadline =
    terms.deadline.kind === "date"
      ? tt("summaryDate", { date: terms.deadline.dueOn })
      : tt("summaryRelative", { count: terms.deadline.days });
  const facts = [
    { label: t("course"), value: courseTitle },
    { label: t("people"), value: selectionLabel },
    { label: t("deadline"), value: deadline },
    { label: t("reminders"), value: <ReminderList days={terms.reminderDays} /> },
    ...(keepApplying === null ? [] : [{ label: t("later"), value: keepApplying ? t("laterYes") : t("laterNo") }]),
  ];
  const nothing = preview.toAssign + preview.alreadyCompleted === 0 && !keepApplying;
  return (
    <div className="space-y-4">
      <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
        {facts.map((fact) => (
          <div key={fact.label} className="contents">
            <dt className="font-medium text-slate-600">{fact.label}</dt>
            <dd className="text-slate-900">{fact.value}</dd>
          </div>
        ))}
      </dl>
      <div className="rounded-md bg-brand-50 px-4 py-3">
        <p className="font-medium text-brand-900">{t("toAssign", { count: preview.toAssign })}</p>
        <div className="mt-1">
          <PreviewCounts counts={preview} />
        </div>
      </div>
      {preview.ruleExists && keepApplying && <p className="rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900">{t("ruleExists")}</p>}
      {nothing && <p className="text-sm text-slate-700">{t("nothing")}</p>}
    </div>
  );
}
