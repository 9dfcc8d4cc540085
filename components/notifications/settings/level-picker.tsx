"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import type { NotificationLevel } from "@/db/schema";
import { ActionAlert } from "@/components/ui/action-alert";
import { useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/safe-action";

const LEVELS: readonly NotificationLevel[] = ["all", "mentions", "none"];

/**
 * A radio group of chat notification levels, saved the moment one is chosen; the saved sentence is
 * announced in place, not as a toast: the group's picker sits in a modal dialog, which makes the
 * page's toast region inert and hides it under the backdrop. A failure puts the previous choice
 * back and says why.
 */
export function LevelPicker({
  legend,
  hint,
  initial,
  save,
}: {
  legend: string;
  hint: string;
  initial: NotificationLevel;
  save: (level: NotificationLevel) => Promise<ActionResult<unknown>>;
}) {
  const t = useTranslations("notificationSettings");
  const name = useId();
  const [chosen, setChosen] = useState(initial);
  const [stored, setStored] = useState(initial);
  const [saved, setSaved] = useState(false);
  const action = useAction(save);
  // After a failure the radios show what is really stored, beside the reason.
  const level = action.error ? stored : chosen;
  const choose = (next: NotificationLevel) => {
    setChosen(next);
    setSaved(false);
    action.run(next, () => {
      setStored(next);
      setSaved(true);
    });
  };
  return (
    <fieldset className="space-y-3" aria-describedby={`${name}-hint`}>
      <legend className="text-sm font-semibold text-slate-900">{legend}</legend>
      <p id={`${name}-hint`} className="text-sm text-slate-600">
        {hint}
      </p>
      <div className="space-y-2">
        {LEVELS.map((option) => (
          <label
            key={option}
            className="flex cursor-pointer items-start gap-3 rounded-md border border-slate-200 bg-white p-3 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50"
          >
            <input
              type="radio"
              name={name}
              value={option}
              checked={level === option}
              disabled={action.pending}
              onChange={() => choose(option)}
              className="mt-0.5 h-4 w-4 accent-brand-600"
            />
            <span>
              <span className="block text-sm font-medium text-slate-900">{t(`levels.${option}.label`)}</span>
              <span className="block text-sm text-slate-600">{t(`levels.${option}.hint`)}</span>
            </span>
          </label>
        ))}
      </div>
      <p aria-live="polite" className="text-sm text-emerald-800">
        {saved && !action.pending ? t("saved", { level: t(`levels.${stored}.label`) }) : ""}
      </p>
      <ActionAlert error={action.error} />
    </fieldset>
  );
}
