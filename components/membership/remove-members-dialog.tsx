"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useAction } from "@/components/ui/use-action";
import { removeMembersAction } from "@/lib/membership/actions";
import type { MembersDialogProps } from "./members-dialog-props";
import { SelectedPeople } from "./selected-people";

/** "Remove": how many people, and that their messages and progress stay. */
export function RemoveMembersDialog({
  groupId,
  groupName,
  people,
  onDone,
  onClose,
}: MembersDialogProps) {
  const t = useTranslations("members.remove");
  const router = useRouter();
  const [operationId] = useState(() => crypto.randomUUID());
  const remove = useAction(removeMembersAction);
  return (
    <ConfirmDialog
      title={t("title", { count: people.length, name: groupName })}
      confirmLabel={t("confirm", { count: people.length })}
      pendingLabel={t("pending")}
      danger
      pending={remove.pending}
      error={remove.error}
      onClose={onClose}
      onConfirm={() =>
        remove.run({ groupId, userIds: people.map((person) => person.userId), operationId }, ({ removed }) => {
          onDone(t("done", { count: removed }));
          router.refresh();
          onClose();
        })
      }
    >
      <SelectedPeople people={people} />
      <p>{t("body")}</p>
      <p>{t("kept")}</p>
    </ConfirmDialog>
  );
}
