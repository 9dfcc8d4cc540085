"use client";

import { useTranslations } from "next-intl";
import { DialogButton } from "@/components/ui/dialog-button";
import type { GroupView } from "@/lib/groups/queries";
import { CloseGroupDialog } from "./close-group-dialog";
import { EditGroupDialog } from "./edit-group-dialog";
import { RestoreGroupDialog } from "./restore-group-dialog";
import { TakeOwnershipDialog } from "./take-ownership-dialog";

/**
 * What the viewer may do with the group, decided on the server; an archived group offers only Restore
 * and Delete. `ownerOnly`: an admin who is not the owner of this private group, offered Take ownership
 * instead of Edit and Close, with the reason.
 */
export type GroupRights = {
  edit: boolean;
  archive: boolean;
  delete: boolean;
  restore: boolean;
  takeOwnership: boolean;
  ownerOnly: boolean;
};

export function GroupActions({ group, rights }: { group: GroupView; rights: GroupRights }) {
  const t = useTranslations("group");
  const takeOwnership = rights.takeOwnership && (
    <DialogButton label={t("takeOwnership.button")}>
      {(close) => <TakeOwnershipDialog groupId={group.id} groupName={group.name} ownerName={group.ownerName} onClose={close} />}
    </DialogButton>
  );
  const reason = rights.ownerOnly && (
    <p className="basis-full text-sm text-slate-600 lg:max-w-xs lg:text-right">
      {t("takeOwnership.ownerOnly", { owner: group.ownerName })}
    </p>
  );
  if (group.archivedAt) {
    return (
      <div className="flex min-w-0 flex-wrap gap-2 lg:justify-end">
        {takeOwnership}
        {rights.restore && (
          <DialogButton variant="primary" label={t("restore.button")}>
            {(close) => <RestoreGroupDialog groupId={group.id} groupName={group.name} onClose={close} />}
          </DialogButton>
        )}
        {rights.delete && (
          <DialogButton variant="danger" label={t("close.deleteButton")}>
            {(close) => <CloseGroupDialog groupId={group.id} groupName={group.name} canArchive={false} canDelete onClose={close} />}
          </DialogButton>
        )}
        {reason}
      </div>
    );
  }
  return (
    <div className="flex min-w-0 flex-wrap gap-2 lg:justify-end">
      {rights.edit && <DialogButton label={t("edit.button")}>{(close) => <EditGroupDialog group={group} onClose={close} />}</DialogButton>}
      {takeOwnership}
      {(rights.archive || rights.delete) && (
        <DialogButton label={t("close.button")}>
          {(close) => (
            <CloseGroupDialog
              groupId={group.id}
              groupName={group.name}
              canArchive={rights.archive}
              canDelete={rights.delete}
              onClose={close}
            />
          )}
        </DialogButton>
      )}
      {reason}
    </div>
  );
}
