"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useAction } from "@/components/ui/use-action";
import { restoreGroupAction } from "@/lib/groups/actions";

export function RestoreGroupDialog({ groupId, groupName, onClose }: { groupId: string; groupName: string; onClose: () => void }) {
  const t = useTranslations("group.restore");
  const tt = useTranslations("toast.group");
  const router = useRouter();
  const [operationId] = useState(() => crypto.randomUUID());
  const restore = useAction(restoreGroupAction, { success: () => tt("restored", { name: groupName }) });
  return (
    <ConfirmDialog
      title={t("title", { name: groupName })}
      confirmLabel={t("confirm")}
      pendingLabel={t("pending")}
      pending={restore.pending}
      error={restore.error}
      onClose={onClose}
      onConfirm={() =>
        restore.run({ groupId, operationId }, () => {
          router.refresh();
          onClose();
        })
      }
    >
      <p>{t("body")}</p>
    </ConfirmDialog>
  );
}
