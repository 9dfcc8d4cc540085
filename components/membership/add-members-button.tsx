"use client";

import { useTranslations } from "next-intl";
import { DialogButton } from "@/components/ui/dialog-button";
import { AddMembersDialog } from "./add-members-dialog";

export function AddMembersButton({ groupId, groupName }: { groupId: string; groupName: string }) {
  const t = useTranslations("members");
  return (
    <DialogButton variant="primary" label={t("addButton")}>
      {(close) => <AddMembersDialog groupId={groupId} groupName={groupName} onClose={close} />}
    </DialogButton>
  );
}
