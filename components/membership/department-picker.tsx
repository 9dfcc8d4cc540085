"use client";

import { useTranslations } from "next-intl";
import { ActionAlert } from "@/components/ui/action-alert";
import { usePickerTexts, useTickedOptions } from "@/components/ui/search-select";
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
  const options = useTickedOptions({
    selected,
    search: (term) => searchDepartmentOptionsAction({ term }),
    texts: usePickerTexts("departmentSelect"),
  });
  const toggle = (department: DepartmentOption, checked: boolean) =>
    onChange(checked ? [...selected, department] : selected.filter((other) => other.id !== department.id));
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium text-slate-900">{t("legend")}</legend>
      <p className="text-xs text-slate-600">{t("hint")}</p>
      {options.failure ? (
        <ActionAlert error={options.failure} />
      ) : options.empty ? (
        <p className="text-sm text-slate-700">{t("none")}</p>
      ) : (
        <>
          {options.searchBox}
          <div className="grid max-h-72 gap-2 overflow-y-auto p-0.5 sm:grid-cols-2">
            {options.listed.map((department) => (
              <label
                key={department.id}
                className="flex cursor-pointer items-center justify-between gap-3 rounded-md border border-slate-300 px-3 py-2 text-sm has-checked:border-brand-600 has-checked:bg-brand-50"
              >
                <span className="flex items-center gap-2">
                  <input
                    type="checkbox"
                    checked={options.ticked.has(department.id)}
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
