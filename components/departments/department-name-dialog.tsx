"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { ActionAlert } from "@/components/ui/action-alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogFooter } from "@/components/ui/dialog-footer";
import { FormField, inputClass } from "@/components/ui/form-field";
import { useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/safe-action";
import { DEPARTMENT_NAME_MAX } from "@/lib/departments/schemas";

const FIELDS = ["name"] as const;

/**
 * The one field of a department, for "New department" and "Rename". One operation id per
 * opening, so a double click or a retry creates or renames once.
 */
export function DepartmentNameDialog<T>({
  title,
  defaultName = "",
  submitLabel,
  pendingLabel,
  save,
  success,
  onClose,
}: {
  title: string;
  defaultName?: string;
  submitLabel: string;
  pendingLabel: string;
  save: (input: { name: string; operationId: string }) => Promise<ActionResult<T>>;
  /** The toast once saved, given the saved name. */
  success: (name: string) => string;
  onClose: () => void;
}) {
  const t = useTranslations("departments.form");
  const tc = useTranslations("common");
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [operationId] = useState(() => crypto.randomUUID());
  const action = useAction(save, { success: (_, input) => success(input.name) });

  // After a refused submit, the field to fix gets the focus.
  useEffect(() => {
    if (action.error) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [action.error]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("name") ?? "");
    action.run({ name, operationId }, () => {
      router.refresh();
      onClose();
    });
  };

  return (
    <Dialog title={title} onClose={onClose} busy={action.pending}>
      <form ref={formRef} onSubmit={submit} noValidate className="space-y-5">
        <ActionAlert error={action.error} fields={FIELDS} />
        <FormField label={t("name")} hint={t("nameHint")} errors={action.error?.fieldErrors?.name}>
          {(control) => (
            <input
              {...control}
              name="name"
              required
              maxLength={DEPARTMENT_NAME_MAX}
              defaultValue={defaultName}
              autoComplete="off"
              className={inputClass}
            />
          )}
        </FormField>
        <DialogFooter>
          <Button onClick={onClose} disabled={action.pending}>
            {tc("cancel")}
          </Button>
          <Button type="submit" variant="primary" pending={action.pending}>
            {action.pending ? pendingLabel : submitLabel}
          </Button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
