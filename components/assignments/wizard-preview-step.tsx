"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { AssignmentPreview } from "@/lib/assignments/selection";
import { calendarDay } from "@/lib/i18n/formats";
import { ReminderList, type termsInput } from "./assignment-terms";

export function PreviewCounts({ counts }: { counts: Pick<AssignmentPreview, "alreadyAssigned" | "alreadyCompleted" | "deactivated"> }) {
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
export function PreviewStep({
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
      ? tt("summaryDate", { date: calendarDay(terms.deadline.dueOn) })
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
