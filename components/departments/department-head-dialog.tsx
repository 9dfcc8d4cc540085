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
import { headCandidatesAction, setDepartmentHeadAction } from "@/lib/departments/actions";
import type { DepartmentRow } from "@/lib/departments/queries";
import { HEAD_CANDIDATES_LIMIT } from "@/lib/departments/schemas";

/** "Head": one of the department's active people, or nobody. The current head stays offered even from elsewhere. */
export function DepartmentHeadDialog({
  department,
  onClose,
}: {
  department: Pick<DepartmentRow, "id" | "name" | "head">;
  onClose: () => void;
}) {
  const t = useTranslations("departments.head");
  const tc = useTranslations("common");
  const tt = useTranslations("toast.departments");
  const router = useRouter();
  const [operationId] = useState(() => crypto.randomUUID());
  const [headId, setHeadId] = useState(department.head?.id ?? "");
  const candidates = useActionData(() => headCandidatesAction({ departmentId: department.id }), department.id);
  const current = department.head;
  const listed = candidates?.ok ? candidates.data : [];
  const save = useAction(setDepartmentHeadAction, {
    success: (_, input) => {
      const head = [...listed, ...(current ? [current] : [])].find((person) => person.id === input.headId);
      return head ? tt("headSet", { name: head.name, department: department.name }) : tt("headRemoved", { department: department.name });
    },
  });
  const currentElsewhere = current && !listed.some((person) => person.id === current.id) ? current : null;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.run({ departmentId: department.id, headId, operationId }, () => {
      router.refresh();
      onClose();
    });
  };

  return (
    <Dialog title={t("title", { name: department.name })} description={t("intro")} onClose={onClose} busy={save.pending}>
      <form onSubmit={submit} noValidate className="space-y-4 text-sm text-slate-700">
        {!candidates && <p className="text-slate-600">{tc("loading")}</p>}
        {candidates && !candidates.ok && <ActionAlert error={candidates.error} />}
        {candidates?.ok && (
          <FormField
            label={t("person")}
            hint={listed.length === HEAD_CANDIDATES_LIMIT ? t("moreThanShown", { count: HEAD_CANDIDATES_LIMIT }) : undefined}
            errors={save.error?.fieldErrors?.headId}
          >
            {(control) => (
              <select {...control} value={headId} onChange={(event) => setHeadId(event.target.value)} className={inputClass}>
                <option value="">{t("none")}</option>
                {currentElsewhere && <option value={currentElsewhere.id}>{currentElsewhere.name}</option>}
                {listed.map((person) => (
                  <option key={person.id} value={person.id}>
                    {t("option", { name: person.name, email: person.email })}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        )}
        <ActionAlert error={save.error} fields={["headId"]} />
        <DialogFooter>
          <Button onClick={onClose} disabled={save.pending}>
            {tc("cancel")}
          </Button>
          <Button type="submit" variant="primary" pending={save.pending} disabled={!candidates?.ok}>
            {save.pending ? t("saving") : t("save")}
          </Button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
