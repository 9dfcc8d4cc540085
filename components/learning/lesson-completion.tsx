"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from "react";
import { ActionAlert } from "@/components/ui/action-alert";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";
import { completeLessonAction } from "@/lib/learning/actions";
import type { CompletionResult } from "@/lib/learning/operations/complete-lesson";
import type { QuizQuestionView } from "@/lib/learning/queries";
import { CompletionSummary } from "./completion-summary";

/**
 * "Mark as complete", or a lesson's quiz and "Submit quiz"; then what the completion brought (score,
 * progress, streak, new badges, the certificate) with the way on. The button stays busy while a
 * submission runs, and completing a lesson again changes nothing.
 * Once the lesson is done and nothing was submitted here, the page's `completedNote` shows instead.
 */
export function LessonCompletion({
  lessonId,
  questions,
  completedNote,
  nextHref,
  courseHref,
}: {
  lessonId: string;
  questions: readonly QuizQuestionView[];
  completedNote: ReactNode;
  nextHref: string | null;
  courseHref: string;
}) {
  const t = useTranslations("lesson");
  const complete = useAction(completeLessonAction);
  const [result, setResult] = useState<CompletionResult | null>(null);
  const [unanswered, setUnanswered] = useState<number[]>([]);
  const formRef = useRef<HTMLFormElement>(null);
  // One submission keeps its operation id until it is answered, so a double click is a replay of the
  // same operation (with the same answer) rather than a second completion; a failed one gets a new id.
  const operation = useRef<string | null>(null);

  useEffect(() => {
    if (complete.error) operation.current = null;
  }, [complete.error]);

  useEffect(() => {
    if (unanswered.length > 0) formRef.current?.querySelector<HTMLInputElement>(`input[name="question-${unanswered[0]}"]`)?.focus();
  }, [unanswered]);

  // Answers that no longer fit the lesson mean a re-import changed its quiz while the page was open.
  const alert =
    complete.error?.fieldErrors?.answers !== undefined ? (
      <p role="alert" aria-label={t("quizChanged")} className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
        {t("quizChanged")}
      </p>
    ) : (
      <ActionAlert error={complete.error} />
    );

  const submit = (answers?: number[]) => {
    operation.current ??= crypto.randomUUID();
    complete.run({ lessonId, operationId: operation.current, answers }, setResult);
  };

  const submitQuiz = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const chosen = questions.map((_, index) => data.get(`question-${index}`));
    const open = chosen.flatMap((value, index) => (value === null ? [index] : []));
    setUnanswered(open);
    if (open.length === 0) submit(chosen.map(Number));
  };

  return (
    <div className="space-y-4">
      <div aria-live="polite">{result && <CompletionSummary result={result} nextHref={nextHref} courseHref={courseHref} />}</div>
      {!result && completedNote}
      {!result && !completedNote && questions.length === 0 && (
        <div className="space-y-3">
          {alert}
          <Button variant="primary" pending={complete.pending} onClick={() => submit()}>
            {complete.pending ? t("completing") : t("markComplete")}
          </Button>
        </div>
      )}
      {!result && !completedNote && questions.length > 0 && (
        <form
          ref={formRef}
          onSubmit={submitQuiz}
          noValidate
          aria-labelledby="quiz-title"
          className="space-y-5 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5"
        >
          <div>
            <h2 id="quiz-title" className="text-lg font-semibold">
              {t("quizTitle")}
            </h2>
            <p className="mt-1 text-sm text-slate-600">{t("quizIntro")}</p>
          </div>
          {questions.map((question, index) => {
            const invalid = unanswered.includes(index);
            return (
              <fieldset
                key={index}
                aria-invalid={invalid || undefined}
                aria-describedby={invalid ? "quiz-unanswered" : undefined}
                className="space-y-2"
              >
                <legend className="font-medium text-slate-900">
                  <span className="block text-xs font-normal text-slate-600">{t("question", { number: index + 1 })}</span>
                  {question.prompt}
                </legend>
                {question.options.map((option, optionIndex) => (
                  <label
                    key={optionIndex}
                    className={`flex cursor-pointer items-start gap-3 rounded-md border px-3 py-2 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 ${invalid ? "border-red-600" : "border-slate-300"}`}
                  >
                    <input type="radio" name={`question-${index}`} value={optionIndex} className="mt-0.5 size-4 accent-brand-600" />
                    <span>{option}</span>
                  </label>
                ))}
              </fieldset>
            );
          })}
          {unanswered.length > 0 && (
            <p id="quiz-unanswered" role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
              {t("unanswered", { count: unanswered.length })}
            </p>
          )}
          {alert}
          <Button type="submit" variant="primary" pending={complete.pending}>
            {complete.pending ? t("submitting") : t("submitQuiz")}
          </Button>
        </form>
      )}
    </div>
  );
}
