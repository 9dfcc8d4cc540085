"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useAction } from "@/components/ui/use-action";
import { deactivatePersonAction, reactivatePersonAction } from "@/lib/people/actions";

type Props = { person: { id: string; name: string }; onClose: () => void };

/** Says what deactivation does before it happens: sign-in ends, active groups are left, history stays. */
export function DeactivateDialog({ person, activeGroups, onClose }: Props & { activeGroups: number }) {
  const t = useTranslations("people.deactivate");
  const tt = useTranslations("toast.people");
  const router = useRouter();
  const [operationId] = useState(() => crypto.randomUUID());
  const deactivate = useAction(deactivatePersonAction, { success: () => tt("deactivated", { name: person.name }) });
  return (
    <ConfirmDialog
      title={t("title", { name: person.name })}
      confirmLabel={t("confirm")}
      pendingLabel={t("pending")}
      danger
      pending={deactivate.pending}
      error={deactivate.error}
      onClose={onClose}
      onConfirm={() =>
        deactivate.run({ personId: person.id, operationId }, () => {
          router.refresh();
          onClose();
        })
      }
    >
      <ul className="list-disc space-y-1 pl-5">
        <li>{t("signOut")}</li>
        <li>{t("groups", { count: activeGroups })}</li>
        <li>{t("archived")}</li>
        <li>{t("kept")}</li>
      </ul>
      <p>{t("reactivate")}</p>
    </ConfirmDialog>
  );
}

export function ReactivateDialog({ person, onClose }: Props) {
  const t = useTranslations("people.reactivate");
  const tt = useTranslations("toast.people");
  const router = useRouter();
  const [operationId] = useState(() => crypto.randomUUID());
  const reactivate = useAction(reactivatePersonAction, { success: () => tt("reactivated", { name: person.name }) });
  return (
    <ConfirmDialog
      title={t("title", { name: person.name })}
      confirmLabel={t("confirm")}
      pendingLabel={t("pending")}
      pending={reactivate.pending}
      error={reactivate.error}
      onClose={onClose}
      onConfirm={() =>
        reactivate.run({ personId: person.id, operationId }, () => {
          router.refresh();
          onClose();
        })
      }
    >
      <p>{t("body")}</p>
    </ConfirmDialog>
  );
}
