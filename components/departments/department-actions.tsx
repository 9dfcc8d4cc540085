"use client";

import { useTranslations } from "next-intl";
import { DialogButton } from "@/components/ui/dialog-button";
import { renameDepartmentAction } from "@/lib/departments/actions";
import type { DepartmentRow } from "@/lib/departments/queries";
import { DeleteDepartmentDialog } from "./delete-department-dialog";
import { DepartmentHeadDialog } from "./department-head-dialog";
import { DepartmentNameDialog } from "./department-name-dialog";
import { MergeDepartmentDialog } from "./merge-department-dialog";

/** A row's Rename, Head, Merge and Delete; each button names its department for assistive technology. */
export function DepartmentActions({ department }: { department: DepartmentRow }) {
  const t = useTranslations("departments");
  const tt = useTranslations("toast.departments");
  const named = (label: string, full: string) => (
    <>
      <span aria-hidden="true">{label}</span>
      <span className="sr-only">{full}</span>
    </>
  );
  return (
    <div className="flex flex-wrap justify-end gap-2">
      <DialogButton variant="ghost" label={named(t("rename.button"), t("rename.buttonFor", { name: department.name }))}>
        {(close) => (
          <DepartmentNameDialog
            title={t("rename.title", { name: department.name })}
            defaultName={department.name}
            submitLabel={t("form.save")}
            pendingLabel={t("form.saving")}
            save={({ name, operationId }) => renameDepartmentAction({ departmentId: department.id, name, operationId })}
            success={(name) => tt("renamed", { from: department.name, name })}
            onClose={close}
          />
        )}
      </DialogButton>
      <DialogButton variant="ghost" label={named(t("head.button"), t("head.buttonFor", { name: department.name }))}>
        {(close) => <DepartmentHeadDialog department={department} onClose={close} />}
      </DialogButton>
      <DialogButton variant="ghost" label={named(t("merge.button"), t("merge.buttonFor", { name: department.name }))}>
        {(close) => <MergeDepartmentDialog department={department} onClose={close} />}
      </DialogButton>
      <DialogButton variant="ghost" label={named(t("delete.button"), t("delete.buttonFor", { name: department.name }))}>
        {(close) => <DeleteDepartmentDialog department={department} onClose={close} />}
      </DialogButton>
    </div>
  );
}
