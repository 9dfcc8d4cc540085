"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import { useFieldErrorMessage } from "@/components/ui/use-error-message";
import type { Role } from "@/db/schema";
import { PersonEditDialog } from "./person-edit-dialog";

/** The roles an admin grants (db/schema's role enum, spelled out to keep the schema out of the browser bundle). */
const ROLES = ["admin", "hr"] as const satisfies readonly Role[];

export function RolesDialog({ person, onClose }: { person: { id: string; name: string; roles: Role[] }; onClose: () => void }) {
  const t = useTranslations("people.edit.roles");
  const fieldMessage = useFieldErrorMessage();
  const id = useId();
  return (
    <PersonEditDialog
      personId={person.id}
      personName={person.name}
      title={t("title", { name: person.name })}
      field="roles"
      read={(data) => ({ roles: data.getAll("roles").map(String) as Role[] })}
      onClose={onClose}
    >
      {(errors) => (
        <fieldset aria-describedby={`${id}-intro`}>
          <legend className="text-sm font-medium text-slate-900">{t("legend")}</legend>
          <p id={`${id}-intro`} className="mt-1 text-sm text-slate-600">
            {t("intro")}
          </p>
          <div className="mt-3 grid gap-2">
            {ROLES.map((role) => (
              <label
                key={role}
                className="flex cursor-pointer items-start gap-3 rounded-md border border-slate-300 p-3 has-checked:border-brand-600 has-checked:bg-brand-50"
              >
                <input
                  type="checkbox"
                  name="roles"
                  value={role}
                  defaultChecked={person.roles.includes(role)}
                  aria-describedby={`${id}-${role}`}
                  className="mt-0.5 accent-brand-600"
                />
                <span>
                  <span className="block text-sm font-medium">{t(role)}</span>
                  <span id={`${id}-${role}`} className="block text-xs text-slate-600">
                    {t(`${role}Hint`)}
                  </span>
                </span>
              </label>
            ))}
          </div>
          <p className="mt-2 text-xs text-slate-600">{t("lastAdminNote")}</p>
          {errors && <p className="mt-1 text-sm text-red-700">{errors.map(fieldMessage).join(" ")}</p>}
        </fieldset>
      )}
    </PersonEditDialog>
  );
}
