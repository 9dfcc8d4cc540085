"use client";

import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/actions/safe-action";
import type { PersonMatch } from "@/lib/people/queries/search";
import { PersonCombobox } from "./person-combobox";

/**
 * One person of a form (HR's person and line manager): the person picker until someone is chosen,
 * then who was chosen, with a way to choose someone else.
 */
export function PersonField({
  label,
  find,
  selected,
  onSelect,
}: {
  label: string;
  find: (term: string) => Promise<ActionResult<PersonMatch[]>>;
  selected: PersonMatch | null;
  onSelect: (person: PersonMatch | null) => void;
}) {
  const t = useTranslations("personPicker");
  if (!selected) return <PersonCombobox label={label} find={find} onPick={onSelect} />;
  return (
    <div>
      <p className="mb-1 text-sm font-medium text-slate-900">{label}</p>
      <p className="text-sm text-slate-700">
        {t("chosen", { name: selected.name, email: selected.email })}{" "}
        <button type="button" className="font-medium text-brand-700 underline" onClick={() => onSelect(null)}>
          {t("change")}
        </button>
      </p>
    </div>
  );
}
