"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ActionAlert } from "@/components/ui/action-alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogFooter } from "@/components/ui/dialog-footer";
import { GroupSelect } from "@/components/groups/group-select";
import { useAction } from "@/components/ui/use-action";
import type { GroupOption } from "@/lib/groups/queries";
import { moveMembersAction } from "@/lib/membership/actions";
import type { MembersDialogProps } from "./members-dialog-props";
import { SelectedPeople } from "./selected-people";

/** "Move to group": out of this group and into another active one, in one step with one notification each. */
export function MoveMembersDialog({ groupId, groupName, people, onDone, onClose }: MembersDialogProps) {
  const t = useTranslations("members.move");
  const tc = useTranslations("common");
  const router = useRouter();
  const [operationId] = useState(() => crypto.randomUUID());
  const [target, setTarget] = useState<GroupOption | null>(null);
  const move = useAction(moveMembersAction, {
    success: (result) => {
      const moved = t("done", { count: result.moved, name: target?.name ?? "" });
      return result.alreadyInTarget > 0 ? `${moved} ${t("alreadyInTarget", { count: result.alreadyInTarget })}` : moved;
    },
  });

  const confirm = () => {
    if (!target) return;
    move.run({ groupId, targetGroupId: target.id, userIds: people.map((person) => person.userId), operationId }, () => {
      onDone();
      router.refresh();
      onClose();
    });
  };

  return (
    <Dialog title={t("title", { count: people.length })} onClose={onClose} busy={move.pending}>
      <div className="space-y-4 text-sm text-slate-700">
        <SelectedPeople people={people} />
        <p>{t("body", { name: groupName })}</p>
        <GroupSelect
          label={t("target")}
          hint={t("targetHint")}
          none={t("noTargets")}
          includeArchived={false}
          exceptGroupId={groupId}
          value={target}
          onChange={setTarget}
        />
        <ActionAlert error={move.error} />
      </div>
      <DialogFooter>
        <Button onClick={onClose} disabled={move.pending}>
          {tc("cancel")}
        </Button>
        <Button variant="primary" pending={move.pending} disabled={!target} onClick={confirm}>
          {move.pending ? t("pending") : t("confirm", { count: people.length })}
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
