"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { ActionAlert } from "@/components/ui/action-alert";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/form-field";
import { useAction } from "@/components/ui/use-action";
import { useFieldErrorMessage } from "@/components/ui/use-error-message";
import { managerOptionsAction } from "@/lib/people/actions";
import { PersonEditDialog } from "./person-edit-dialog";

type Candidate = { id: string; name: string; email: string; departmentName: string | null };

/**
 * "Change manager": find someone by name or email, then choose them (or no manager). A search
 * first, since a company can have many thousands of people.
 */
export function ManagerDialog({
  person,
  onClose,
}: {
  person: { id: string; name: string; managerId: string | null; managerName: string | null };
  onClose: () => void;
}) {
  const t = useTranslations("people.edit.manager");
  const id = useId();
  const [term, setTerm] = useState("");
  const [searched, setSearched] = useState("");
  const [candidates, setCandidates] = useState<Candidate[] | null>(null);
  const options = useAction(managerOptionsAction);
  const fieldMessage = useFieldErrorMessage();

  const find = () => {
    const value = term.trim();
    if (!value) return;
    options.run({ personId: person.id, term: value }, (found) => {
      setSearched(value);
      setCandidates(found);
    });
  };

  return (
    <PersonEditDialog
      personId={person.id}
      title={t("title", { name: person.name })}
      field="managerId"
      read={(data) => ({ managerId: String(data.get("managerId") ?? "") })}
      onClose={onClose}
    >
      {(errors) => (
        <>
          <p className="text-sm text-slate-700">{person.managerName ? t("current", { name: person.managerName }) : t("currentNone")}</p>
          <div>
            <label htmlFor={`${id}-term`} className="mb-1 block text-sm font-medium text-slate-900">
              {t("search")}
            </label>
            <div className="flex gap-2">
              <input
                id={`${id}-term`}
                type="search"
                value={term}
                onChange={(event) => setTerm(event.target.value)}
                onKeyDown={(event) => {
                  // Enter searches here rather than saving the dialog.
                  if (event.key === "Enter") {
                    event.preventDefault();
                    find();
                  }
                }}
                aria-describedby={`${id}-hint`}
                autoComplete="off"
                className={inputClass}
              />
              <Button onClick={find} pending={options.pending}>
                {options.pending ? t("finding") : t("find")}
              </Button>
            </div>
            <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
              {t("searchHint")}
            </p>
          </div>
          <ActionAlert error={options.error} />
          <fieldset>
            <legend className="text-sm font-medium text-slate-900">{t("results")}</legend>
            <div className="mt-2 grid max-h-72 gap-1 overflow-y-auto">
              <label className="flex cursor-pointer items-center gap-3 rounded-md p-2 hover:bg-slate-50">
                <input type="radio" name="managerId" value="" defaultChecked={person.managerId === null} className="accent-brand-600" />
                <span className="text-sm">{t("none")}</span>
              </label>
              {person.managerId && person.managerName && (
                <label className="flex cursor-pointer items-center gap-3 rounded-md p-2 hover:bg-slate-50">
                  <input type="radio" name="managerId" value={person.managerId} defaultChecked className="accent-brand-600" />
                  <span className="text-sm">{person.managerName}</span>
                </label>
              )}
              {candidates
                ?.filter((candidate) => candidate.id !== person.managerId)
                .map((candidate) => (
                  <label key={candidate.id} className="flex cursor-pointer items-center gap-3 rounded-md p-2 hover:bg-slate-50">
                    <input type="radio" name="managerId" value={candidate.id} className="accent-brand-600" />
                    <span className="text-sm">{t("option", { name: candidate.name, email: candidate.email })}</span>
                  </label>
                ))}
            </div>
            {candidates?.length === 0 && <p className="mt-2 text-sm text-slate-700">{t("noMatches", { term: searched })}</p>}
            {errors && <p className="mt-1 text-sm text-red-700">{errors.map(fieldMessage).join(" ")}</p>}
          </fieldset>
        </>
      )}
    </PersonEditDialog>
  );
}
