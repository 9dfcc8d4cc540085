"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { ActionAlert } from "@/components/ui/action-alert";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/form-field";
import { useAction } from "@/components/ui/use-action";
import { hrPeopleSearchAction } from "@/lib/hr/forms/actions";

export type FoundPerson = { id: string; name: string; email: string; departmentName: string | null };

/**
 * Finds an active person of the company by name or email, then lets one be chosen (radio buttons,
 * keyboard-operable). A search first, since a company can have many thousands of people.
 */
export function PersonSearch({
  label,
  name,
  selected,
  onSelect,
  excludeId,
}: {
  label: string;
  /** The radio group's name; the chosen id is also submitted under it. */
  name: string;
  selected: FoundPerson | null;
  onSelect: (person: FoundPerson | null) => void;
  excludeId?: string;
}) {
  const t = useTranslations("hr.personSearch");
  const id = useId();
  const [term, setTerm] = useState("");
  const [found, setFound] = useState<FoundPerson[] | null>(null);
  const search = useAction(hrPeopleSearchAction);

  const find = () => {
    const value = term.trim();
    if (value) search.run({ term: value }, (rows) => setFound(rows.filter((row) => row.id !== excludeId)));
  };

  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-900">{label}</legend>
      {selected && (
        <p className="text-sm text-slate-700">
          {t("chosen", { name: selected.name, email: selected.email })}{" "}
          <button type="button" className="font-medium text-brand-700 underline" onClick={() => onSelect(null)}>
            {t("change")}
          </button>
        </p>
      )}
      {!selected && (
        <>
          <div className="flex gap-2">
            <label htmlFor={`${id}-term`} className="sr-only">
              {t("term", { label })}
            </label>
            <input
              id={`${id}-term`}
              className={inputClass}
              value={term}
              placeholder={t("placeholder")}
              onChange={(event) => setTerm(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === "Enter") {
                  event.preventDefault();
                  find();
                }
              }}
            />
            <Button type="button" onClick={find} pending={search.pending}>
              {t("find")}
            </Button>
          </div>
          <ActionAlert error={search.error} />
          {found?.length === 0 && <p className="text-sm text-slate-600">{t("none", { term })}</p>}
          {found && found.length > 0 && (
            <ul className="max-h-64 space-y-1 overflow-y-auto rounded-md border border-slate-200 p-2" aria-label={t("results")}>
              {found.map((person) => (
                <li key={person.id}>
                  <label className="flex items-center gap-2 text-sm">
                    <input type="radio" name={name} value={person.id} onChange={() => onSelect(person)} />
                    <span>
                      {person.name} <span className="text-slate-600">{person.email}</span>
                      {person.departmentName && <span className="text-slate-600"> · {person.departmentName}</span>}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </fieldset>
  );
}
