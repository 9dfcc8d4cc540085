"use client";

import { useTranslations } from "next-intl";
import type { AddResult } from "@/lib/membership/operations/add-members";

/** What an add did, as its toast says: "Added 37 people. 2 were already members. 1 deactivated person was skipped." */
export function useAddResultMessage(): (result: AddResult) => string {
  const t = useTranslations("members.add.result");
  return (result) =>
    [
      t("added", { count: result.added }),
      result.alreadyMembers > 0 ? t("alreadyMembers", { count: result.alreadyMembers }) : null,
      result.deactivated > 0 ? t("deactivated", { count: result.deactivated }) : null,
    ]
      .filter((sentence) => sentence !== null)
      .join(" ");
}
