"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { DepartmentSelect } from "@/components/departments/department-select";
import type { DepartmentOption } from "@/lib/departments/queries";
import { PersonEditDialog } from "./person-edit-dialog";

export function DepartmentDialog({
  person,
  onClose,
}: {
  person: { id: string; name: string; department: DepartmentOption | null };
  onClose: () => void;
}) {
  const t = useTranslations("people");
  const [department, setDepartment] = useState(person.department);
  return (
    <PersonEditDialog
      personId={person.id}
      personName={person.name}
      title={t("edit.department.title", { name: person.name })}
      field="departmentId"
      read={() => ({ departmentId: department?.id ?? "" })}
      onClose={onClose}
    >
      {(errors) => (
        <DepartmentSelect
          label={t("edit.department.label")}
          hint={t("edit.department.hint")}
          choose={t("noDepartment")}
          value={department}
          onChange={setDepartment}
          error={errors?.[0]}
        />
      )}
    </PersonEditDialog>
  );
}
