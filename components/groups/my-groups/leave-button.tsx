"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useAction } from "@/components/ui/use-action";
import { leaveGroupAction } from "@/lib/membership/actions";

/** Leave a public group, after a confirmation that says what stays; `leaveTo` is where to go afterwards. */
export function LeaveButton({ groupId, groupName, leaveTo }: { groupId: string; groupName: string; leaveTo?: string }) {
  const t = useTranslations("myGroups.leave");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [operationId, setOperationId] = useState(() => crypto.randomUUID());
  const leave = useAction(leaveGroupAction, { success: () => t("done", { name: groupName }) });
  return (
    <>
      <Button onClick={() => setOpen(true)}>{t("button")}</Button>
      {open && (
        <ConfirmDialog
          title={t("title", { name: groupName })}
          confirmLabel={t("confirm")}
          pendingLabel={t("pending")}
          danger
          pending={leave.pending}
          error={leave.error}
          onClose={() => setOpen(false)}
          onConfirm={() =>
            leave.run({ groupId, operationId }, () => {
              setOpen(false);
              // A later Leave (after joining again) is a new operation.
              setOperationId(crypto.randomUUID());
              if (leaveTo) router.push(leaveTo);
              router.refresh();
            })
          }
        >
          <p>{t("body")}</p>
        </ConfirmDialog>
      )}
    </>
  );
}
