"use client";

import { useTranslations } from "next-intl";
import { DialogButton } from "@/components/ui/dialog-button";
import { createDepartmentAction } from "@/lib/departments/actions";
import { DepartmentNameDialog } from "./department-name-dialog";

export function NewDepartmentButton() {
  const t = useTranslations("departments");
  const tt = useTranslations("toast.departments");
  return (
    <DialogButton variant="primary" label={t("new")}>
      {(close) => (
        <DepartmentNameDialog
          title={t("new")}
          submitLabel={t("form.create")}
          pendingLabel={t("form.creating")}
          save={createDepartmentAction}
          success={(name) => tt("created", { name })}
          onClose={close}
        />
      )}
    </DialogButton>
  );
}
