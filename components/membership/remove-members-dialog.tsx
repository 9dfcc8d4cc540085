"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useAction } from "@/components/ui/use-action";
import { addMembersAction, removeMembersAction } from "@/lib/membership/actions";
import type { MembersDialogProps } from "./members-dialog-props";
import { SelectedPeople } from "./selected-people";

type AssignmentChoice = "rule" | "keep" | "waive";
const assignmentChoices: AssignmentChoice[] = ["rule", "keep", "waive"];

/**
 * "Remove": how many people, that their messages and progress stay, and what becomes of the open
 * mandatory assignments they got through this group (as the group's assignment says, unless chosen here):
 * asked only of a group with an assignment rule or open assignments.
 */
export function RemoveMembersDialog({ groupId, groupName, hasAssignments, people, onDone, onClose }: MembersDialogProps) {
  const t = useTranslations("members.remove");
  const tt = useTranslations("toast.members");
  const router = useRouter();
  const [operationId] = useState(() => crypto.randomUUID());
  const userIds = people.map((person) => person.userId);
  // "Add back" is an add of the same people (an operation of its own, one id per toast so that a
  // double click adds once, with its history and notifications), offered only when everyone
  // selected was removed: an add of someone who had already left would be no undo.
  const remove = useAction(removeMembersAction, {
    success: ({ removed }) => {
      const addId = crypto.randomUUID();
      return {
        message: t("done", { count: removed }),
        action:
          removed > 0 && removed === userIds.length
            ? {
                label: tt("addBack"),
                run: () => addMembersAction({ groupId, selection: { mode: "people", userIds }, operationId: addId }),
                success: tt("addedBack", { count: removed, name: groupName }),
              }
            : undefined,
      };
    },
  });
  const [assignmentChoice, setAssignmentChoice] = useState<AssignmentChoice>("rule");
  return (
    <ConfirmDialog
      title={t("title", { count: people.length, name: groupName })}
      confirmLabel={t("confirm", { count: people.length })}
      pendingLabel={t("pending")}
      danger
      pending={remove.pending}
      error={remove.error}
      onClose={onClose}
      onConfirm={() =>
        remove.run(
          {
            groupId,
            userIds,
            operationId,
            onAssignments: assignmentChoice === "rule" ? undefined : assignmentChoice,
          },
          () => {
            onDone();
            router.refresh();
            onClose();
          },
        )
      }
    >
      <SelectedPeople people={people} />
      <p>{t("body")}</p>
      <p>{t("kept")}</p>
      {hasAssignments && (
        <fieldset className="mt-4">
          <legend className="font-medium">{t("assignments.legend")}</legend>
          <div className="mt-2 grid gap-2">
            {assignmentChoices.map((value) => (
              <label key={value} className="flex cursor-pointer items-start gap-3">
                <input
                  type="radio"
                  name="remove-assignments"
                  value={value}
                  checked={assignmentChoice === value}
                  onChange={() => setAssignmentChoice(value)}
                  className="mt-1 accent-brand-600"
                />
                <span>{t(`assignments.${value}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
      )}
    </ConfirmDialog>
  );
}
