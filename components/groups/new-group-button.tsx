"use client";

import { useTranslations } from "next-intl";
import { DialogButton } from "@/components/ui/dialog-button";
import { NewGroupDialog } from "./new-group-dialog";

export function NewGroupButton() {
  const t = useTranslations("groups");
  return (
    <DialogButton
      variant="primary"
      label={
        <>
          <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor">
            <path d="M10 4a1 1 0 0 1 1 1v4h4a1 1 0 1 1 0 2h-4v4a1 1 0 1 1-2 0v-4H5a1 1 0 1 1 0-2h4V5a1 1 0 0 1 1-1Z" />
          </svg>
          {t("new")}
        </>
      }
    >
      {(close) => <NewGroupDialog onClose={close} />}
    </DialogButton>
  );
}
