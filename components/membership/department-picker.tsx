"use client";

import { useTranslations } from "next-intl";
import { ActionAlert } from "@/components/ui/action-alert";
import { OptionSearchBox, useOptionSearch } from "@/components/ui/search-select";
import { searchDepartmentOptionsAction } from "@/lib/departments/actions";
import type { DepartmentOption } from "@/lib/departments/queries";

/**
 * "Department": departments to tick, with how many active people each has, searched on the server
 * by name (at most a page of them at once); the ticked ones stay listed first whatever the search.
 */
export function DepartmentPicker({
  selected,
  onChange,
}: {
  selected: readonly DepartmentOption[];
  onChange: (departments: DepartmentOption[]) => void;
}) {
  const t = useTranslations("members.add.departments");
  const ts = useTranslations("departmentSelect");
  const search = useOptionSearch((term) => searchDepartmentOptionsAction({ term }));
  const chosen = new Set(selected.map((department) => department.id));
  const shown = [...selected, ...search.found.filter((department) => !chosen.has(department.id))];
  const toggle = (department: DepartmentOption, checked: boolean) =>
    onChange(checked ? [...selected, department] : selected.filter((other) => other.id !== department.id));
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium text-slate-900">{t("legend")}</legend>
      <p className="text-xs text-slate-600">{t("hint")}</p>
      {search.page && !search.page.ok ? (
        <ActionAlert error={search.page.error} />
      ) : search.empty ? (
        <p className="text-sm text-slate-700">{t("none")}</p>
      ) : (
        <>
          <OptionSearchBox
            texts={{ search: ts("search"), placeholder: ts("placeholder") }}
            term={search.term}
            onTerm={search.setTerm}
            status={search.status({ more: (count) => ts("more", { count }), noMatch: (term) => ts("noMatch", { term }) })}
          />
          <div className="grid max-h-72 gap-2 overflow-y-auto p-0.5 sm:grid-cols-2">
            {shown.map((department) => (
              <label
                key={department.id}
                className="flex cursor-pointer items-center justify-between gap-3 rounded-md border border-slate-300 px-3 py-2 text-sm has-checked:border-brand-600 has-checked:bg-brand-50"
              >
                <span className="flex items-center gap-2">
                  <input
                    type="checkbox"
                    checked={chosen.has(department.id)}
                    onChange={(event) => toggle(department, event.target.checked)}
                    className="accent-brand-600"
                  />
                  {department.name}
                </span>
                <span className="text-xs whitespace-nowrap text-slate-600">{t("people", { count: department.activePeople })}</span>
              </label>
            ))}
          </div>
        </>
      )}
    </fieldset>
  );
}
