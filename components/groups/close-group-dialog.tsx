"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ActionAlert } from "@/components/ui/action-alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogFooter } from "@/components/ui/dialog-footer";
import { FormField, inputClass } from "@/components/ui/form-field";
import { useAction } from "@/components/ui/use-action";
import { archiveGroupAction, deleteGroupAction, restoreGroupAction } from "@/lib/groups/actions";

type Choice = "archive" | "delete";

/**
 * "Close group": Archive, the recommended way (kept for reports), or Delete (gone for good, after
 * typing the group's name). An archived group offers Delete alone.
 */
export function CloseGroupDialog({
  groupId,
  groupName,
  canArchive,
  canDelete,
  onClose,
}: {
  groupId: string;
  groupName: string;
  canArchive: boolean;
  canDelete: boolean;
  onClose: () => void;
}) {
  const t = useTranslations("group.close");
  const tc = useTranslations("common");
  const tt = useTranslations("toast");
  const router = useRouter();
  const [operationId] = useState(() => crypto.randomUUID());
  const [choice, setChoice] = useState<Choice>(canArchive ? "archive" : "delete");
  const [typedName, setTypedName] = useState("");
  // Undo is the restore operation itself (an operation id of its own, one per toast so that a
  // double click restores once: its audit entry, events and notifications happen as for Restore),
  // not a delayed archive.
  const archive = useAction(archiveGroupAction, {
    success: () => {
      const restoreId = crypto.randomUUID();
      return {
        message: tt("group.archived", { name: groupName }),
        action: {
          label: tt("undo"),
          run: () => restoreGroupAction({ groupId, operationId: restoreId }),
          success: tt("group.restored", { name: groupName }),
        },
      };
    },
  });
  const remove = useAction(deleteGroupAction, { success: () => tt("group.deleted", { name: groupName }) });
  const pending = archive.pending || remove.pending;
  const choices = [canArchive ? ("archive" as const) : null, canDelete ? ("delete" as const) : null].filter((c) => c !== null);

  const confirm = () => {
    if (choice === "archive") {
      archive.run({ groupId, operationId }, () => {
        router.refresh();
        onClose();
      });
    } else {
      remove.run({ groupId, operationId, confirmName: typedName }, () => router.push("/admin/groups"));
    }
  };

  return (
    <Dialog
      title={canArchive ? t("title", { name: groupName }) : t("deleteTitle", { name: groupName })}
      description={canArchive ? t("intro") : undefined}
      onClose={onClose}
      busy={pending}
      wide
    >
      <div className="space-y-4">
        {choices.length > 1 && (
          <fieldset>
            <legend className="sr-only">{t("choose")}</legend>
            <div className="grid gap-3">
              {choices.map((value) => (
                <label
                  key={value}
                  className="flex cursor-pointer items-start gap-3 rounded-lg border border-slate-300 p-4 has-checked:border-brand-600 has-checked:bg-brand-50"
                >
                  <input
                    type="radio"
                    name="close-choice"
                    value={value}
                    checked={choice === value}
                    onChange={() => setChoice(value)}
                    aria-describedby={`close-${value}-body`}
                    className="mt-1 accent-brand-600"
                  />
                  <span>
                    <span className="flex items-center gap-2 font-medium">
                      {t(`${value}.label`)}
                      {value === "archive" && <Badge tone="success">{t("recommended")}</Badge>}
                    </span>
                    <span id={`close-${value}-body`} className="mt-1 block text-sm text-slate-600">
                      {t(`${value}.body`)}
                    </span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
        )}
        {choices.length === 1 && <p className="text-sm text-slate-700">{t(`${choice}.body`)}</p>}
        {choice === "delete" && (
          <FormField label={t("delete.typeName", { name: groupName })} hint={t("delete.typeNameHint")}>
            {(control) => (
              <input
                {...control}
                value={typedName}
                onChange={(event) => setTypedName(event.target.value)}
                autoComplete="off"
                spellCheck={false}
                className={inputClass}
              />
            )}
          </FormField>
        )}
        <ActionAlert error={choice === "archive" ? archive.error : remove.error} />
      </div>
      <DialogFooter>
        <Button onClick={onClose} disabled={pending}>
          {tc("cancel")}
        </Button>
        {choice === "archive" ? (
          <Button variant="primary" pending={pending} onClick={confirm}>
            {pending ? t("archive.pending") : t("archive.confirm")}
          </Button>
        ) : (
          <Button variant="danger" pending={pending} disabled={typedName.trim() !== groupName} onClick={confirm}>
            {pending ? t("delete.pending") : t("delete.confirm")}
          </Button>
        )}
      </DialogFooter>
    </Dialog>
  );
}
