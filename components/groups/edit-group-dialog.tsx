"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Dialog } from "@/components/ui/dialog";
import { useAction } from "@/components/ui/use-action";
import { updateGroupAction } from "@/lib/groups/actions";
import type { GroupView } from "@/lib/groups/queries";
import { CourseChangeConfirm } from "./course-change-confirm";
import { GroupForm, type GroupFormValues } from "./group-form";

/**
 * "Edit": the same fields as a new group, filled in. Changing or unlinking the linked course
 * takes a second step, since the feed and statistics switch with it.
 */
export function EditGroupDialog({ group, onClose }: { group: GroupView; onClose: () => void }) {
  const t = useTranslations("group.edit");
  const router = useRouter();
  const [operationId] = useState(() => crypto.randomUUID());
  // The new course's title is said in the confirmation; the form's picker knows it.
  const [confirming, setConfirming] = useState<{ values: GroupFormValues; courseTitle: string | null } | null>(null);
  const update = useAction(updateGroupAction);

  const save = (values: GroupFormValues) =>
    update.run({ groupId: group.id, ...values, operationId }, () => {
      router.refresh();
      onClose();
    });

  const submit = (values: GroupFormValues, courseTitle: string | null) => {
    if (group.courseId !== null && values.courseId !== group.courseId) setConfirming({ values, courseTitle });
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
        <CourseChangeConfirm
          from={group.courseTitle ?? ""}
          to={confirming.courseTitle}
          pending={update.pending}
          error={update.error}
          onBack={() => setConfirming(null)}
          onConfirm={() => save(confirming.values)}
        />
      )}
    </Dialog>
  );
}
