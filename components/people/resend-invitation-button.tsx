"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { ActionAlert } from "@/components/ui/action-alert";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";
import { resendInvitationAction } from "@/lib/accounts/actions";

/**
 * "Send the invitation again", for a person who has not chosen a password yet (the mail was lost,
 * or the link expired). Each sending is one operation: a double click or a retry after a failure
 * reuses its id (one mail), and only a success makes the next click a new one; earlier links stop working.
 */
export function ResendInvitationButton({ userId }: { userId: string }) {
  const t = useTranslations("accounts.people");
  const resend = useAction(resendInvitationAction);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [operationId, setOperationId] = useState(() => crypto.randomUUID());
  const send = () =>
    resend.run({ userId, operationId }, (data) => {
      setSentTo(data.email);
      setOperationId(crypto.randomUUID());
    });
  return (
    <div className="space-y-2">
      <Button pending={resend.pending} onClick={send}>
        {resend.pending ? t("resending") : t("resend")}
      </Button>
      <ActionAlert error={resend.error} />
      {sentTo && !resend.error && (
        <p role="status" className="text-sm text-emerald-900">
          {t("resent", { email: sentTo })}
        </p>
      )}
    </div>
  );
}
