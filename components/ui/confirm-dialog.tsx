"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { ActionError } from "@/lib/actions/safe-action";
import { ActionAlert } from "./action-alert";
import { Button } from "./button";
import { Dialog } from "./dialog";
import { DialogFooter } from "./dialog-footer";

/** A question before an action: what will happen, Cancel, and the action itself with its pending state and errors. */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  pendingLabel,
  danger = false,
  pending,
  error,
  onConfirm,
  onClose,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  pendingLabel: string;
  danger?: boolean;
  pending: boolean;
  error: ActionError | null;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const t = useTranslations("common");
  return (
    <Dialog title={title} onClose={onClose} busy={pending}>
      <div className="space-y-3 text-sm text-slate-700">{children}</div>
      {error && (
        <div className="mt-4">
          <ActionAlert error={error} />
        </div>
      )}
      <DialogFooter>
        <Button onClick={onClose} disabled={pending}>
          {t("cancel")}
        </Button>
        <Button variant={danger ? "danger" : "primary"} pending={pending} onClick={onConfirm}>
          {pending ? pendingLabel : confirmLabel}
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
