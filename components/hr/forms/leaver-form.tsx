"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useAction } from "@/components/ui/use-action";
import { leaverAction } from "@/lib/hr/forms/actions";
import { PersonField } from "@/components/ui/person-field";
import { findPeople } from "./find-people";
import type { PersonMatch } from "@/lib/people/queries/search";

/** "Leaver": choose the person, confirm, and their account is deactivated (groups left, open assignments waived). */
export function LeaverForm() {
  const t = useTranslations("hr.leaver");
  const [operationId, setOperationId] = useState(() => crypto.randomUUID());
  const [person, setPerson] = useState<PersonMatch | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<{ name: string; groupsLeft: number } | null>(null);
  const action = useAction(leaverAction);

  const confirm = () => {
    if (!person) return;
    action.run({ personId: person.id, operationId }, (result) => {
      setDone({ name: person.name, groupsLeft: result.groupsLeft });
      setConfirming(false);
      setPerson(null);
      setOperationId(crypto.randomUUID());
    });
  };

  return (
    <div className="max-w-3xl space-y-5">
      {done && (
        <p role="status" className="rounded-md border border-green-200 bg-green-50 p-4 text-sm font-medium">
          {t("done", done)}
        </p>
      )}
      <PersonField label={t("person")} find={findPeople} selected={person} onSelect={setPerson} />
      <Button type="button" variant="danger" disabled={!person} onClick={() => setConfirming(true)}>
        {t("submit")}
      </Button>
      {confirming && person && (
        <ConfirmDialog
          title={t("confirmTitle", { name: person.name })}
          confirmLabel={t("confirm")}
          pendingLabel={t("saving")}
          danger
          pending={action.pending}
          error={action.error}
          onConfirm={confirm}
          onClose={() => setConfirming(false)}
        >
          <p>{t("confirmBody", { name: person.name })}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
