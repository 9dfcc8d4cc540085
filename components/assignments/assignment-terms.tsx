"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormField, inputClass } from "@/components/ui/form-field";
import { useFieldErrorMessage } from "@/components/ui/use-error-message";
import { DEFAULT_REMINDER_DAYS, type Deadline } from "@/lib/assignments/schemas";

/** The deadline and reminders as typed: text until sent, so a half-typed number is still editable. */
export type TermsDraft = { kind: Deadline["kind"]; dueOn: string; days: string; reminderDays: number[] };

export const initialTerms = (): TermsDraft => ({ kind: "date", dueOn: "", days: "30", reminderDays: [...DEFAULT_REMINDER_DAYS] });

/** What the draft sends; the schema on the server judges the numbers, and its errors come back beside the fields. */
export function termsInput(draft: TermsDraft): { deadline: Deadline; reminderDays: number[] } {
  const deadline: Deadline =
    draft.kind === "date" ? { kind: "date", dueOn: draft.dueOn } : { kind: "relative", days: Number(draft.days.trim() || Number.NaN) };
  return { deadline, reminderDays: draft.reminderDays };
}

/** The fields of `fieldErrors` this component shows beside its inputs. */
export const TERMS_FIELDS = ["deadline", "deadline.dueOn", "deadline.days", "deadline.kind", "reminderDays"] as const;

const errorsOf = (fieldErrors: Record<string, string[]> | undefined, prefix: string) =>
  Object.entries(fieldErrors ?? {})
    .filter(([field]) => field === prefix || field.startsWith(`${prefix}.`))
    .flatMap(([, keys]) => keys);

/** "7 days before the deadline" / "1 day after the deadline". */
export function useReminderLabel(): (day: number) => string {
  const t = useTranslations("assignmentTerms");
  return (day) => (day < 0 ? t("before", { count: -day }) : t("after", { count: day }));
}

/**
 * Step 3 of the wizard and the person page's dialog: a deadline (a date, or N days after the
 * assignment) and the reminders, an editable list of days before or after the deadline.
 */
export function AssignmentTermsFields({
  draft,
  onChange,
  fieldErrors,
  relativeForJoiners = false,
}: {
  draft: TermsDraft;
  onChange: (draft: TermsDraft) => void;
  fieldErrors?: Record<string, string[]>;
  /** A group rule: "N days after" counts from joining for people who join later. */
  relativeForJoiners?: boolean;
}) {
  const t = useTranslations("assignmentTerms");
  const fieldMessage = useFieldErrorMessage();
  const reminderLabel = useReminderLabel();
  const name = useId();
  const remindersId = useId();
  const [addDays, setAddDays] = useState("3");
  const [addWhen, setAddWhen] = useState<"before" | "after">("before");
  const set = (change: Partial<TermsDraft>) => onChange({ ...draft, ...change });
  const candidate = Number(addDays);
  const offset = addWhen === "before" ? -candidate : candidate;
  const canAdd =
    Number.isInteger(candidate) &&
    candidate >= 1 &&
    candidate <= 365 &&
    !draft.reminderDays.includes(offset) &&
    draft.reminderDays.length < 10;
  const reminderErrors = errorsOf(fieldErrors, "reminderDays");

  return (
    <div className="space-y-6">
      <fieldset className="space-y-3">
        <legend className="text-sm font-medium text-slate-900">{t("deadline")}</legend>
        <p className="text-xs text-slate-600">{t("deadlineHint")}</p>
        {(["date", "relative"] as const).map((kind) => (
          <label key={kind} className="flex cursor-pointer items-center gap-2 text-sm">
            <input type="radio" name={name} checked={draft.kind === kind} onChange={() => set({ kind })} className="accent-brand-600" />
            {kind === "date" ? t("byDate") : relativeForJoiners ? t("relativeJoin") : t("relative")}
          </label>
        ))}
        <div className="max-w-xs">
          {draft.kind === "date" ? (
            <FormField label={t("date")} errors={errorsOf(fieldErrors, "deadline.dueOn")}>
              {(control) => (
                <input
                  {...control}
                  type="date"
                  required
                  value={draft.dueOn}
                  onChange={(event) => set({ dueOn: event.target.value })}
                  className={inputClass}
                />
              )}
            </FormField>
          ) : (
            <FormField label={t("days")} errors={errorsOf(fieldErrors, "deadline.days")}>
              {(control) => (
                <input
                  {...control}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={3650}
                  step={1}
                  required
                  value={draft.days}
                  onChange={(event) => set({ days: event.target.value })}
                  className={inputClass}
                />
              )}
            </FormField>
          )}
        </div>
      </fieldset>

      <fieldset className="space-y-3" aria-describedby={remindersId}>
        <legend className="text-sm font-medium text-slate-900">{t("reminders")}</legend>
        <p id={remindersId} className="text-xs text-slate-600">
          {t("remindersHint")}
        </p>
        {draft.reminderDays.length === 0 ? (
          <p className="text-sm text-slate-700">{t("noReminders")}</p>
        ) : (
          <ul className="flex flex-wrap gap-2">
            {[...draft.reminderDays]
              .sort((a, b) => a - b)
              .map((day) => (
                <li
                  key={day}
                  className="inline-flex items-center gap-1 rounded-full bg-brand-50 py-1 pr-1 pl-3 text-sm text-brand-800 ring-1 ring-brand-100"
                >
                  {reminderLabel(day)}
                  <button
                    type="button"
                    onClick={() => set({ reminderDays: draft.reminderDays.filter((other) => other !== day) })}
                    aria-label={t("remove", { label: reminderLabel(day) })}
                    className="rounded-full px-1.5 hover:bg-brand-100"
                  >
                    <span aria-hidden="true">×</span>
                  </button>
                </li>
              ))}
          </ul>
        )}
        <div className="flex flex-wrap items-end gap-2">
          <div className="w-24">
            <FormField label={t("addDays")}>
              {(control) => (
                <input
                  {...control}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={365}
                  step={1}
                  value={addDays}
                  onChange={(event) => setAddDays(event.target.value)}
                  className={inputClass}
                />
              )}
            </FormField>
          </div>
          <div>
            <FormField label={t("addWhen")}>
              {(control) => (
                <select
                  {...control}
                  value={addWhen}
                  onChange={(event) => setAddWhen(event.target.value === "after" ? "after" : "before")}
                  className={inputClass}
                >
                  <option value="before">{t("beforeOption")}</option>
                  <option value="after">{t("afterOption")}</option>
                </select>
              )}
            </FormField>
          </div>
          <Button disabled={!canAdd} onClick={() => set({ reminderDays: [...draft.reminderDays, offset] })}>
            {t("add")}
          </Button>
        </div>
        {reminderErrors.length > 0 && <p className="text-sm text-red-700">{[...new Set(reminderErrors.map(fieldMessage))].join(" ")}</p>}
      </fieldset>
    </div>
  );
}

/** Reminder days as words, earliest first: "7 days before the deadline, 1 day after the deadline". */
export function ReminderList({ days }: { days: readonly number[] }) {
  const t = useTranslations("assignmentTerms");
  const reminderLabel = useReminderLabel();
  return (
    <>
      {days.length > 0
        ? [...days]
            .sort((a, b) => a - b)
            .map(reminderLabel)
            .join(", ")
        : t("noReminders")}
    </>
  );
}
