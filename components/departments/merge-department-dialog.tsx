"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { ActionAlert } from "@/components/ui/action-alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogFooter } from "@/components/ui/dialog-footer";
import { FormField, inputClass } from "@/components/ui/form-field";
import { useAction } from "@/components/ui/use-action";
import { useActionData } from "@/components/ui/use-action-data";
import { mergeDepartmentsAction, mergeTargetsAction } from "@/lib/departments/actions";
import type { DepartmentChoice } from "@/lib/departments/queries";

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
  const router = useRouter();
  const [operationId] = useState(() => crypto.randomUUID());
  const [targetId, setTargetId] = useState("");
  const [missingTarget, setMissingTarget] = useState(false);
  const [confirming, setConfirming] = useState<DepartmentChoice | null>(null);
  const targets = useActionData(() => mergeTargetsAction({ departmentId: department.id }), department.id);
  const merge = useAction(mergeDepartmentsAction);

  const next = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const target = targets?.ok ? targets.data.find((candidate) => candidate.id === targetId) : undefined;
    setMissingTarget(!target);
    if (target) setConfirming(target);
  };
  const confirm = () =>
    merge.run({ departmentId: department.id, targetId, operationId }, () => {
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
          <Button variant="danger" pending={merge.pending} onClick={confirm}>
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
        {!targets && <p className="text-slate-600">{tc("loading")}</p>}
        {targets && !targets.ok && <ActionAlert error={targets.error} />}
        {targets?.ok && targets.data.length === 0 && <p>{t("noTargets")}</p>}
        {targets?.ok && targets.data.length > 0 && (
          <FormField label={t("target")} errors={missingTarget ? [TARGET_REQUIRED] : undefined}>
            {(control) => (
              <select {...control} value={targetId} onChange={(event) => setTargetId(event.target.value)} className={inputClass}>
                <option value="">{t("choose")}</option>
                {targets.data.map((candidate) => (
                  <option key={candidate.id} value={candidate.id}>
                    {candidate.name}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        )}
        <DialogFooter>
          <Button onClick={onClose}>{tc("cancel")}</Button>
          <Button type="submit" variant="primary" disabled={!targets?.ok || targets.data.length === 0}>
            {t("next")}
          </Button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
