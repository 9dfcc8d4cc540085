"use client";

import { useTranslations } from "next-intl";
import type { AddResult } from "@/lib/membership/operations/add-members";

/** What an add did: "Added 37 people. 2 were already members. 1 deactivated person was skipped." */
export function AddResultMessage({ result }: { result: AddResult }) {
  const t = useTranslations("members.add.result");
  const sentences = [
    t("added", { count: result.added }),
    result.alreadyMembers > 0 ? t("alreadyMembers", { count: result.alreadyMembers }) : null,
    result.deactivated > 0 ? t("deactivated", { count: result.deactivated }) : null,
  ].filter((sentence) => sentence !== null);
  const text = sentences.join(" ");
  return (
    <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
      {text}
    </p>
  );
}
