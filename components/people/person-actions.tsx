"use client";

import { useTranslations } from "next-intl";
import { DialogButton } from "@/components/ui/dialog-button";
import type { PersonDetails } from "@/lib/people/queries/person";
import type { DepartmentOption } from "@/lib/departments/queries";
import { DeactivateDialog, ReactivateDialog } from "./access-dialogs";
import { DepartmentDialog } from "./department-dialog";
import { ManagerDialog } from "./manager-dialog";
import { RolesDialog } from "./roles-dialog";

/** What the viewer may do with the person, decided on the server. */
export type PersonRights = { edit: boolean; deactivate: boolean };

export function PersonActions({
  person,
  rights,
  department,
  activeGroups,
}: {
  person: Pick<PersonDetails, "id" | "name" | "managerId" | "managerName" | "roles" | "deactivatedAt">;
  rights: PersonRights;
  /** The person's department as its picker shows it (with its people), when they have one. */
  department: DepartmentOption | null;
  activeGroups: number;
}) {
  const t = useTranslations("people");
  if (!rights.edit && !rights.deactivate) return null;
  return (
    <div className="flex shrink-0 flex-wrap gap-2">
      {rights.edit && (
        <>
          <DialogButton label={t("edit.department.button")}>
            {(close) => <DepartmentDialog person={{ ...person, department }} onClose={close} />}
          </DialogButton>
          <DialogButton label={t("edit.manager.button")}>{(close) => <ManagerDialog person={person} onClose={close} />}</DialogButton>
          <DialogButton label={t("edit.roles.button")}>{(close) => <RolesDialog person={person} onClose={close} />}</DialogButton>
        </>
      )}
      {rights.deactivate &&
        (person.deactivatedAt ? (
          <DialogButton variant="primary" label={t("reactivate.button")}>
            {(close) => <ReactivateDialog person={person} onClose={close} />}
          </DialogButton>
        ) : (
          <DialogButton variant="danger" label={t("deactivate.button")}>
            {(close) => <DeactivateDialog person={person} activeGroups={activeGroups} onClose={close} />}
          </DialogButton>
        ))}
    </div>
  );
}
