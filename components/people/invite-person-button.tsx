"use client";

import { useTranslations } from "next-intl";
import { DialogButton } from "@/components/ui/dialog-button";
import type { DepartmentOption } from "@/lib/departments/queries";
import { InvitePersonDialog } from "./invite-person-dialog";

export function InvitePersonButton({ departments }: { departments: readonly DepartmentOption[] }) {
  const t = useTranslations("accounts.people");
  return (
    <DialogButton variant="primary" label={t("invite")}>
      {(close) => <InvitePersonDialog departments={departments} onClose={close} />}
    </DialogButton>
  );
}
