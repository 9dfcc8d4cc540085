"use client";

import { useTranslations } from "next-intl";
import { ActionAlert } from "@/components/ui/action-alert";
import { Button } from "@/components/ui/button";
import { DialogFooter } from "@/components/ui/dialog-footer";
import type { ActionError } from "@/lib/actions/safe-action";

/** The edit dialog's second step when the linked course changes or goes: what switches, and what stays. */
export function CourseChangeConfirm({
  from,
  to,
  pending,
  error,
  onBack,
  onConfirm,
}: {
  from: string;
  to: string | null;
  pending: boolean;
  error: ActionError | null;
  onBack: () => void;
  onConfirm: () => void;
}) {
  const t = useTranslations("group.edit");
  return (
    <section aria-labelledby="course-change-title" className="space-y-3 text-sm text-slate-700">
      <h3 id="course-change-title" className="text-base font-semibold text-slate-900">
        {to ? t("switchTitle") : t("unlinkTitle")}
      </h3>
      <p>{to ? t("switchBody", { from, to }) : t("unlinkBody", { from })}</p>
      <p>{t("assignmentsStay")}</p>
      <ActionAlert error={error} />
      <DialogFooter>
        <Button onClick={onBack} disabled={pending} autoFocus>
          {t("back")}
        </Button>
        <Button variant="primary" pending={pending} onClick={onConfirm}>
          {pending ? t("saving") : to ? t("switchConfirm") : t("unlinkConfirm")}
        </Button>
      </DialogFooter>
    </section>
  );
}
