"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { ActionAlert } from "@/components/ui/action-alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogFooter } from "@/components/ui/dialog-footer";
import { useAction } from "@/components/ui/use-action";
import { mergeDepartmentsAction } from "@/lib/departments/actions";
import type { DepartmentOption } from "@/lib/departments/queries";
import { DepartmentSelect } from "./department-select";

const TARGET_REQUIRED = "validation.mergeTargetRequired";

/** "Merge": choose the department to merge into, then confirm what moves and what is deleted. */
export function MergeDepartmentDialog({
  department,
  onClose,
}: {
  department: { id: string; name: string; peopleCount: number };
  onClose: () => void;
}) {
  const t = useTranslations("departments.merge");
  const tc = useTranslations("common");
  const tt = useTranslations("toast.departments");
  const router = useRouter();
  const [operationId] = useState(() => crypto.randomUUID());
  const [target, setTarget] = useState<DepartmentOption | null>(null);
  const [missingTarget, setMissingTarget] = useState(false);
  const [confirming, setConfirming] = useState<DepartmentOption | null>(null);
  const merge = useAction(mergeDepartmentsAction, {
    success: () => tt("merged", { name: department.name, target: confirming?.name ?? "" }),
  });

  const next = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setMissingTarget(!target);
    if (target) setConfirming(target);
  };
  const confirm = (into: DepartmentOption) =>
    merge.run({ departmentId: department.id, targetId: into.id, operationId }, () => {
      router.refresh();
      onClose();
    });

  if (confirming) {
    return (
      <Dialog title={t("confirmTitle", { name: department.name, target: confirming.name })} onClose={onClose} busy={merge.pending}>
        <div className="space-y-3 text-sm text-slate-700">
          <p>{t("confirmBody", { name: department.name, target: confirming.name, count: department.peopleCount })}</p>
          <ActionAlert error={merge.error} />
        </div>
        <DialogFooter>
          <Button onClick={() => setConfirming(null)} disabled={merge.pending}>
            {t("back")}
          </Button>
          <Button variant="danger" pending={merge.pending} onClick={() => confirm(confirming)}>
            {merge.pending ? t("pending") : t("confirm")}
          </Button>
        </DialogFooter>
      </Dialog>
    );
  }

  return (
    <Dialog title={t("title", { name: department.name })} onClose={onClose}>
      <form onSubmit={next} noValidate className="space-y-4 text-sm text-slate-700">
        <p>{t("intro", { name: department.name })}</p>
        <DepartmentSelect
          label={t("target")}
          choose={t("choose")}
          none={t("noTargets")}
          mergingFrom={department.id}
          value={target}
          onChange={setTarget}
          error={missingTarget ? TARGET_REQUIRED : null}
        />
        <DialogFooter>
          <Button onClick={onClose}>{tc("cancel")}</Button>
          <Button type="submit" variant="primary">
            {t("next")}
          </Button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
