"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, type ReactNode, useState } from "react";
import { ActionAlert } from "@/components/ui/action-alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogFooter } from "@/components/ui/dialog-footer";
import { useAction } from "@/components/ui/use-action";
import type { Role } from "@/db/schema";
import { updatePersonAction } from "@/lib/people/actions";

/** What one edit dialog changes; the fields it leaves out stay as they are. */
export type PersonEdit = { departmentId?: string; managerId?: string; roles?: Role[] };

/**
 * The frame of the person page's edit dialogs: one operation id per opening (a resubmit changes
 * nothing twice), the error beside its field or in the alert, Cancel and Save.
 */
export function PersonEditDialog({
  personId,
  personName,
  title,
  field,
  read,
  onClose,
  children,
}: {
  personId: string;
  /** Named in the toast that says what changed. */
  personName: string;
  title: string;
  field: keyof PersonEdit;
  /** The change, from the submitted form. */
  read: (data: FormData) => PersonEdit;
  onClose: () => void;
  children: (errors: readonly string[] | undefined) => ReactNode;
}) {
  const t = useTranslations("people.edit");
  const tc = useTranslations("common");
  const tt = useTranslations("toast.people");
  const router = useRouter();
  const [operationId] = useState(() => crypto.randomUUID());
  const update = useAction(updatePersonAction, { success: () => tt(`saved.${field}`, { name: personName }) });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    update.run({ personId, operationId, ...read(new FormData(event.currentTarget)) }, () => {
      router.refresh();
      onClose();
    });
  };

  return (
    <Dialog title={title} onClose={onClose} busy={update.pending}>
      <form onSubmit={submit} noValidate className="space-y-5">
        <ActionAlert error={update.error} fields={[field]} />
        {children(update.error?.fieldErrors?.[field])}
        <DialogFooter>
          <Button onClick={onClose} disabled={update.pending}>
            {tc("cancel")}
          </Button>
          <Button type="submit" variant="primary" pending={update.pending}>
            {update.pending ? t("saving") : t("save")}
          </Button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
