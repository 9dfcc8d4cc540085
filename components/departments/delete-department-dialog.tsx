"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useAction } from "@/components/ui/use-action";
import { deleteDepartmentAction } from "@/lib/departments/actions";

/**
 * "Delete": only an empty department goes. The list counts active people; when there are some,
 * the dialog says so before anything is sent, and the server refuses all the same (deactivated
 * people included) with the numbers.
 */
export function DeleteDepartmentDialog({
  department,
  onClose,
}: {
  department: { id: string; name: string; peopleCount: number };
  onClose: () => void;
}) {
  const t = useTranslations("departments.delete");
  const tt = useTranslations("toast.departments");
  const router = useRouter();
  const [operationId] = useState(() => crypto.randomUUID());
  const remove = useAction(deleteDepartmentAction, { success: () => tt("deleted", { name: department.name }) });
  return (
    <ConfirmDialog
      title={t("title", { name: department.name })}
      confirmLabel={t("confirm")}
      pendingLabel={t("pending")}
      danger
      pending={remove.pending}
      error={remove.error}
      onClose={onClose}
      onConfirm={() =>
        remove.run({ departmentId: department.id, operationId }, () => {
          router.refresh();
          onClose();
        })
      }
    >
      {department.peopleCount > 0 ? (
        <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-amber-900">
          {t("notEmpty", { name: department.name, count: department.peopleCount })}
        </p>
      ) : (
        <p>{t("body")}</p>
      )}
    </ConfirmDialog>
  );
}
