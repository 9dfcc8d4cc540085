"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useAction } from "@/components/ui/use-action";
import { takeOwnershipAction } from "@/lib/groups/actions";

export function TakeOwnershipDialog({
  groupId,
  groupName,
  ownerName,
  onClose,
}: {
  groupId: string;
  groupName: string;
  ownerName: string;
  onClose: () => void;
}) {
  const t = useTranslations("group.takeOwnership");
  const tt = useTranslations("toast.group");
  const router = useRouter();
  const [operationId] = useState(() => crypto.randomUUID());
  const take = useAction(takeOwnershipAction, { success: () => tt("ownershipTaken", { name: groupName }) });
  return (
    <ConfirmDialog
      title={t("title", { name: groupName })}
      confirmLabel={t("confirm")}
      pendingLabel={t("pending")}
      pending={take.pending}
      error={take.error}
      onClose={onClose}
      onConfirm={() =>
        take.run({ groupId, operationId }, () => {
          router.refresh();
          onClose();
        })
      }
    >
      <p>{t("body", { owner: ownerName })}</p>
      <p>{t("audit")}</p>
    </ConfirmDialog>
  );
}
