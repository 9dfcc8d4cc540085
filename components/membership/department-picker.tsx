"use client";

import { useTranslations } from "next-intl";
import type { DepartmentOption } from "@/lib/departments/queries";

/** "Department": the company's departments to tick, with how many active people each has. */
export function DepartmentPicker({
  departments,
  selected,
  onChange,
}: {
  departments: readonly DepartmentOption[];
  selected: readonly string[];
  onChange: (departmentIds: string[]) => void;
}) {
  const t = useTranslations("members.add.departments");
  const toggle = (id: string, checked: boolean) => onChange(checked ? [...selected, id] : selected.filter((other) => other !== id));
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-900">{t("legend")}</legend>
      <p className="mt-1 text-xs text-slate-600">{t("hint")}</p>
      {departments.length === 0 ? (
        <p className="mt-3 text-sm text-slate-700">{t("none")}</p>
      ) : (
        <div className="mt-3 grid max-h-72 gap-2 overflow-y-auto p-0.5 sm:grid-cols-2">
          {departments.map((department) => (
            <label
              key={department.id}
              className="flex cursor-pointer items-center justify-between gap-3 rounded-md border border-slate-300 px-3 py-2 text-sm has-checked:border-brand-600 has-checked:bg-brand-50"
            >
              <span className="flex items-center gap-2">
                <input
                  type="checkbox"
                  checked={selected.includes(department.id)}
                  onChange={(event) => toggle(department.id, event.target.checked)}
                  className="accent-brand-600"
                />
                {department.name}
              </span>
              <span className="text-xs whitespace-nowrap text-slate-600">{t("people", { count: department.activePeople })}</span>
            </label>
          ))}
        </div>
      )}
    </fieldset>
  );
}
