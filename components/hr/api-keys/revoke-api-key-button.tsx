"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DialogButton } from "@/components/ui/dialog-button";
import { useAction } from "@/components/ui/use-action";
import { revokeApiKeyAction } from "@/lib/hr/api-keys/actions";

/** Revoke, after a confirmation saying what stops working. */
export function RevokeApiKeyButton({ keyId, name }: { keyId: string; name: string }) {
  const t = useTranslations("apiKeys");
  return (
    <DialogButton
      variant="ghost"
      label={
        <>
          <span aria-hidden="true">{t("revoke")}</span>
          <span className="sr-only">{t("revokeLabel", { name })}</span>
        </>
      }
    >
      {(close) => <RevokeDialog keyId={keyId} name={name} onClose={close} />}
    </DialogButton>
  );
}

function RevokeDialog({ keyId, name, onClose }: { keyId: string; name: string; onClose: () => void }) {
  const t = useTranslations("apiKeys");
  const router = useRouter();
  const [operationId] = useState(() => crypto.randomUUID());
  const action = useAction(revokeApiKeyAction, { success: () => t("revoked", { name }) });
  return (
    <ConfirmDialog
      title={t("revokeTitle", { name })}
      confirmLabel={t("revokeConfirm")}
      pendingLabel={t("revoking")}
      danger
      pending={action.pending}
      error={action.error}
      onConfirm={() =>
        action.run({ keyId, operationId }, () => {
          router.refresh();
          onClose();
        })
      }
      onClose={onClose}
    >
      <p>{t("revokeBody")}</p>
    </ConfirmDialog>
  );
}
