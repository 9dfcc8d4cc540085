"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { type RefObject, useEffect, useReducer, useRef, useState } from "react";
import { ActionAlert } from "@/components/ui/action-alert";
import { Button, buttonClass } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";
import { assignCourseAction, previewAssignmentAction } from "@/lib/assignments/actions";
import type { AssignResult } from "@/lib/assignments/assign";
import { AssignmentTermsFields, TERMS_FIELDS, termsInput } from "./assignment-terms";
import { CourseStep } from "./wizard-course-step";
import { PeopleStep } from "./wizard-people-step";
import { PreviewCounts, PreviewStep } from "./wizard-preview-step";
import { initialWizardState, keepsApplying, previewInput, STEPS, type WizardStart, type WizardState, wizardReducer } from "./wizard-state";

/**
 * "Bulk assignment": course, people (individually, by department, by learning group), deadline and
 * reminders, then the preview's numbers and Confirm. One operation id per wizard run, so a repeated
 * Confirm assigns once. Each step's heading takes focus when the step opens.
 */
export function BulkAssignmentWizard({ start }: { start: WizardStart }) {
  const t = useTranslations("assignmentWizard");
  const [operationId] = useState(() => crypto.randomUUID());
  const [state, dispatch] = useReducer(wizardReducer, start, initialWizardState);
  const { step, mode, preview, result } = state;
  const check = useAction(previewAssignmentAction);
  const assign = useAction(assignCourseAction);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    // Focus follows the step (not on first render, where the page heading leads).
    if (state.moved) heading.current?.focus();
  }, [step, result, state.moved]);

  const index = STEPS.indexOf(step);

  const next = () => {
    if (step !== "deadline") return dispatch({ type: "next" });
    const payload = previewInput(state);
    if (payload) check.run(payload, (data) => dispatch({ type: "previewed", preview: data }));
  };

  const confirm = () => {
    const payload = previewInput(state);
    if (payload) assign.run({ ...payload, operationId }, (data) => dispatch({ type: "assigned", result: data }));
  };

  if (result) return <Done result={result} heading={heading} />;

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
        {step === "course" && (
          <CourseStep course={state.course} onChange={(course) => dispatch({ type: "course", course })} error={state.localError} />
        )}
        {step === "people" && <PeopleStep state={state} dispatch={dispatch} />}
        {step === "deadline" && (
          <AssignmentTermsFields
            draft={state.terms}
            onChange={(terms) => dispatch({ type: "terms", terms })}
            fieldErrors={check.error?.fieldErrors}
            relativeForJoiners={keepsApplying(state)}
          />
        )}
        {step === "preview" && preview && (
          <PreviewStep
            preview={preview}
            courseTitle={state.course?.title ?? ""}
            selectionLabel={selectionLabel(state)}
            terms={termsInput(state.terms)}
            keepApplying={mode === "group" ? state.keepApplying : null}
          />
        )}
        <ActionAlert error={error} fields={step === "deadline" ? TERMS_FIELDS : []} />
        <div className="flex flex-col-reverse gap-2 border-t border-slate-200 pt-4 sm:flex-row sm:justify-between">
          <Button
            onClick={() => dispatch({ type: "go", step: STEPS[index - 1] ?? "course" })}
            disabled={index === 0 || check.pending || assign.pending}
          >
            {t("previous")}
          </Button>
          {step === "preview" ? (
            <Button
              type="submit"
              variant="primary"
              pending={assign.pending}
              disabled={!preview || (preview.toAssign + preview.alreadyCompleted === 0 && !keepsApplying(state))}
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

  function selectionLabel({ mode, people, department, group }: WizardState): string {
    if (mode === "individuals") return t("preview.selectionIndividuals", { count: people.length });
    if (mode === "department") return t("preview.selectionDepartment", { name: department?.name ?? "" });
    return t("preview.selectionGroup", { name: group?.name ?? "" });
  }
}

/** After Confirm: how many were assigned, and the way to the overview. */
function Done({ result, heading }: { result: AssignResult; heading: RefObject<HTMLHeadingElement | null> }) {
  const t = useTranslations("assignmentWizard");
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
