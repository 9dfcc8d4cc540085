"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ActionAlert } from "@/components/ui/action-alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogFooter } from "@/components/ui/dialog-footer";
import { FormField, inputClass } from "@/components/ui/form-field";
import { useAction } from "@/components/ui/use-action";
import { useActionData } from "@/components/ui/use-action-data";
import { moveMembersAction, moveTargetsAction } from "@/lib/membership/actions";
import type { MembersDialogProps } from "./members-dialog-props";
import { SelectedPeople } from "./selected-people";

/** "Move to group": out of this group and into another active one, in one step with one notification each. */
export function MoveMembersDialog({ groupId, groupName, people, onDone, onClose }: MembersDialogProps) {
  const t = useTranslations("members.move");
  const tc = useTranslations("common");
  const router = useRouter();
  const [operationId] = useState(() => crypto.randomUUID());
  const [targetGroupId, setTargetGroupId] = useState("");
  const targets = useActionData(() => moveTargetsAction({ groupId }), groupId);
  const move = useAction(moveMembersAction);

  const confirm = () => {
    const target = targets?.ok ? targets.data.find((group) => group.id === targetGroupId) : undefined;
    if (!target) return;
    move.run({ groupId, targetGroupId, userIds: people.map((person) => person.userId), operationId }, (result) => {
      const moved = t("done", { count: result.moved, name: target.name });
      onDone(result.alreadyInTarget > 0 ? `${moved} ${t("alreadyInTarget", { count: result.alreadyInTarget })}` : moved);
      router.refresh();
      onClose();
    });
  };

  return (
    <Dialog title={t("title", { count: people.length })} onClose={onClose} busy={move.pending}>
      <div className="space-y-4 text-sm text-slate-700">
        <SelectedPeople people={people} />
        <p>{t("body", { name: groupName })}</p>
        {!targets && <p className="text-slate-600">{tc("loading")}</p>}
        {targets && !targets.ok && <ActionAlert error={targets.error} />}
        {targets?.ok && targets.data.length === 0 && <p>{t("noTargets")}</p>}
        {targets?.ok && targets.data.length > 0 && (
          <FormField label={t("target")} hint={t("targetHint")}>
            {(control) => (
              <select {...control} value={targetGroupId} onChange={(event) => setTargetGroupId(event.target.value)} className={inputClass}>
                <option value="">{t("choose")}</option>
                {targets.data.map((group) => (
                  <option key={group.id} value={group.id}>
                    {t("option", { name: group.name, count: group.memberCount })}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        )}
        <ActionAlert error={move.error} />
      </div>
      <DialogFooter>
        <Button onClick={onClose} disabled={move.pending}>
          {tc("cancel")}
        </Button>
        <Button variant="primary" pending={move.pending} disabled={!targetGroupId} onClick={confirm}>
          {move.pending ? t("pending") : t("confirm", { count: people.length })}
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
