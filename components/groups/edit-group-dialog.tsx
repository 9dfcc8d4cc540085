"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Dialog } from "@/components/ui/dialog";
import { useAction } from "@/components/ui/use-action";
import { updateGroupAction } from "@/lib/groups/actions";
import type { GroupView } from "@/lib/groups/queries";
import { type EditConsequence, EditConsequences, hasConsequence } from "./edit-consequences";
import { GroupForm, type GroupFormValues } from "./group-form";

/**
 * "Edit": the same fields as a new group, filled in. Changing or unlinking the linked course
 * takes a second step, since the feed and statistics switch with it; so does making a public group
 * private, since nobody can join it by themselves any more.
 */
export function EditGroupDialog({ group, onClose }: { group: GroupView; onClose: () => void }) {
  const t = useTranslations("group.edit");
  const tt = useTranslations("toast.group");
  const router = useRouter();
  const [operationId] = useState(() => crypto.randomUUID());
  // The new course's title is said in the confirmation; the form's picker knows it.
  const [confirming, setConfirming] = useState<{ values: GroupFormValues; consequence: EditConsequence } | null>(null);
  const update = useAction(updateGroupAction, { success: (_, input) => tt("updated", { name: input.name }) });

  const save = (values: GroupFormValues) =>
    update.run({ groupId: group.id, ...values, operationId }, () => {
      router.refresh();
      onClose();
    });

  const submit = (values: GroupFormValues, courseTitle: string | null) => {
    const consequence: EditConsequence = {
      course: group.courseId !== null && values.courseId !== group.courseId ? { from: group.courseTitle ?? "", to: courseTitle } : null,
      madePrivate: group.visibility === "public" && values.visibility === "private",
    };
    if (hasConsequence(consequence)) setConfirming({ values, consequence });
    else save(values);
  };

  return (
    <Dialog title={t("title", { name: group.name })} onClose={onClose} busy={update.pending}>
      <GroupForm
        hidden={confirming !== null}
        defaults={{
          name: group.name,
          description: group.description,
          course: group.courseId && group.courseTitle !== null ? { id: group.courseId, title: group.courseTitle } : null,
          maxMembers: group.maxMembers === null ? "" : String(group.maxMembers),
          visibility: group.visibility,
        }}
        error={update.error}
        pending={update.pending}
        submitLabel={t("save")}
        pendingLabel={t("saving")}
        onCancel={onClose}
        onSubmit={submit}
      />
      {confirming && (
        <EditConsequences
          consequence={confirming.consequence}
          pending={update.pending}
          error={update.error}
          onBack={() => setConfirming(null)}
          onConfirm={() => save(confirming.values)}
        />
      )}
    </Dialog>
  );
}
