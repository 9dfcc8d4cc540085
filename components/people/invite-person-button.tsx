"use client";

import { useTranslations } from "next-intl";
import { DialogButton } from "@/components/ui/dialog-button";
import { InvitePersonDialog } from "./invite-person-dialog";

export function InvitePersonButton() {
  const t = useTranslations("accounts.people");
  return (
    <DialogButton variant="primary" label={t("invite")}>
      {(close) => <InvitePersonDialog onClose={close} />}
    </DialogButton>
  );
}
