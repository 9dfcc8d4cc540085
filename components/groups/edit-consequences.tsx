"use client";

import { useTranslations } from "next-intl";
import { ActionAlert } from "@/components/ui/action-alert";
import { Button } from "@/components/ui/button";
import { DialogFooter } from "@/components/ui/dialog-footer";
import type { ActionError } from "@/lib/actions/safe-action";

/** What an edit changes beyond the group's own page: the linked course switching or going, the group closing to newcomers. */
export type EditConsequence = { course: { from: string; to: string | null } | null; madePrivate: boolean };

/** An edit needs this second step when it has a consequence. */
export const hasConsequence = (consequence: EditConsequence) => consequence.course !== null || consequence.madePrivate;

/** The edit dialog's second step: what switches or closes, what stays; Back, or save. */
export function EditConsequences({
  consequence: { course, madePrivate },
  pending,
  error,
  onBack,
  onConfirm,
}: {
  consequence: EditConsequence;
  pending: boolean;
  error: ActionError | null;
  onBack: () => void;
  onConfirm: () => void;
}) {
  const t = useTranslations("group.edit");
  const title = course ? (course.to ? t("switchTitle") : t("unlinkTitle")) : t("privateTitle");
  return (
    <section aria-labelledby="edit-consequences-title" className="space-y-3 text-sm text-slate-700">
      <h3 id="edit-consequences-title" className="text-base font-semibold text-slate-900">
        {title}
      </h3>
      {course && (
        <>
          <p>{course.to ? t("switchBody", { from: course.from, to: course.to }) : t("unlinkBody", { from: course.from })}</p>
          <p>{t("assignmentsStay")}</p>
        </>
      )}
      {madePrivate && <p>{t("privateBody")}</p>}
      <ActionAlert error={error} />
      <DialogFooter>
        <Button onClick={onBack} disabled={pending} autoFocus>
          {t("back")}
        </Button>
        <Button variant="primary" pending={pending} onClick={onConfirm}>
          {pending ? t("saving") : course ? (course.to ? t("switchConfirm") : t("unlinkConfirm")) : t("privateConfirm")}
        </Button>
      </DialogFooter>
    </section>
  );
}
