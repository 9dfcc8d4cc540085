"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Dialog } from "@/components/ui/dialog";
import { useAction } from "@/components/ui/use-action";
import { createGroupAction } from "@/lib/groups/actions";
import { GroupForm } from "./group-form";

/** "New learning group": one operation id per opening, so a double click or a retry creates one group. */
export function NewGroupDialog({ onClose }: { onClose: () => void }) {
  const t = useTranslations("groups");
  const tt = useTranslations("toast.group");
  const router = useRouter();
  const [operationId] = useState(() => crypto.randomUUID());
  const create = useAction(createGroupAction, { success: (_, input) => tt("created", { name: input.name }) });
  return (
    <Dialog title={t("new")} description={t("newIntro")} onClose={onClose} busy={create.pending}>
      <GroupForm
        error={create.error}
        pending={create.pending}
        submitLabel={t("form.create")}
        pendingLabel={t("form.creating")}
        onCancel={onClose}
        onSubmit={(values) => create.run({ ...values, operationId }, ({ groupId }) => router.push(`/groups/${groupId}`))}
      />
    </Dialog>
  );
}
