"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DialogButton } from "@/components/ui/dialog-button";
import { useAction } from "@/components/ui/use-action";
import { endGroupRuleAction } from "@/lib/assignments/actions";

/** "End rule", confirmed: people who join from now on are not assigned; given assignments stay. */
export function EndRuleButton({ ruleId, courseTitle }: { ruleId: string; courseTitle: string }) {
  const t = useTranslations("groupRules");
  return (
    <DialogButton label={t("end")}>{(close) => <EndRuleDialog ruleId={ruleId} courseTitle={courseTitle} onClose={close} />}</DialogButton>
  );
}

function EndRuleDialog({ ruleId, courseTitle, onClose }: { ruleId: string; courseTitle: string; onClose: () => void }) {
  const t = useTranslations("groupRules");
  const router = useRouter();
  const [operationId] = useState(() => crypto.randomUUID());
  const end = useAction(endGroupRuleAction, { success: () => t("ended", { course: courseTitle }) });
  return (
    <ConfirmDialog
      title={t("endTitle", { course: courseTitle })}
      confirmLabel={t("end")}
      pendingLabel={t("ending")}
      danger
      pending={end.pending}
      error={end.error}
      onClose={onClose}
      onConfirm={() =>
        end.run({ ruleId, operationId }, () => {
          router.refresh();
          onClose();
        })
      }
    >
      <p>{t("endBody", { course: courseTitle })}</p>
    </ConfirmDialog>
  );
}
