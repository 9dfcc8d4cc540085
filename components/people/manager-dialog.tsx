"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useFieldErrorMessage } from "@/components/ui/use-error-message";
import { managerOptionsAction } from "@/lib/people/actions";
import type { PersonMatch } from "@/lib/people/queries/search";
import { PersonCombobox } from "@/components/ui/person-combobox";
import { PersonEditDialog } from "./person-edit-dialog";

/**
 * "Change manager": the person picker finds someone by name or email; the choice is among no manager,
 * the current one and whoever was picked (checked when picked).
 */
export function ManagerDialog({
  person,
  onClose,
}: {
  person: { id: string; name: string; managerId: string | null; managerName: string | null };
  onClose: () => void;
}) {
  const t = useTranslations("people.edit.manager");
  const [picked, setPicked] = useState<PersonMatch | null>(null);
  const [chosen, setChosen] = useState(person.managerId ?? "");
  const fieldMessage = useFieldErrorMessage();
  const option = (value: string, label: string) => (
    <label key={value} className="flex cursor-pointer items-center gap-3 rounded-md p-2 hover:bg-slate-50">
      <input
        type="radio"
        name="managerId"
        value={value}
        checked={chosen === value}
        onChange={() => setChosen(value)}
        className="accent-brand-600"
      />
      <span className="text-sm">{label}</span>
    </label>
  );

  return (
    <PersonEditDialog
      personId={person.id}
      personName={person.name}
      title={t("title", { name: person.name })}
      field="managerId"
      read={(data) => ({ managerId: String(data.get("managerId") ?? "") })}
      onClose={onClose}
    >
      {(errors) => (
        <>
          <p className="text-sm text-slate-700">{person.managerName ? t("current", { name: person.managerName }) : t("currentNone")}</p>
          <PersonCombobox
            label={t("search")}
            find={(term) => managerOptionsAction({ personId: person.id, term })}
            onPick={(candidate) => {
              setPicked(candidate);
              setChosen(candidate.id);
            }}
          />
          <fieldset>
            <legend className="text-sm font-medium text-slate-900">{t("results")}</legend>
            <div className="mt-2 grid gap-1">
              {option("", t("none"))}
              {person.managerId && person.managerName && option(person.managerId, person.managerName)}
              {picked && picked.id !== person.managerId && option(picked.id, t("option", { name: picked.name, email: picked.email }))}
            </div>
            {errors && <p className="mt-1 text-sm text-red-700">{errors.map(fieldMessage).join(" ")}</p>}
          </fieldset>
        </>
      )}
    </PersonEditDialog>
  );
}
