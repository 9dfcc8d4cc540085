"use client";

import { useTranslations } from "next-intl";
import { FormField, inputClass } from "@/components/ui/form-field";
import type { DepartmentOption } from "@/lib/departments/queries";
import { PersonEditDialog } from "./person-edit-dialog";

export function DepartmentDialog({
  person,
  departments,
  onClose,
}: {
  person: { id: string; name: string; departmentId: string | null };
  departments: readonly DepartmentOption[];
  onClose: () => void;
}) {
  const t = useTranslations("people");
  return (
    <PersonEditDialog
      personId={person.id}
      title={t("edit.department.title", { name: person.name })}
      field="departmentId"
      read={(data) => ({ departmentId: String(data.get("departmentId") ?? "") })}
      onClose={onClose}
    >
      {(errors) => (
        <FormField label={t("edit.department.label")} hint={t("edit.department.hint")} errors={errors}>
          {(control) => (
            <select {...control} name="departmentId" defaultValue={person.departmentId ?? ""} className={inputClass}>
              <option value="">{t("noDepartment")}</option>
              {departments.map((department) => (
                <option key={department.id} value={department.id}>
                  {department.name}
                </option>
              ))}
            </select>
          )}
        </FormField>
      )}
    </PersonEditDialog>
  );
}
