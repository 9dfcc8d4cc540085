"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { ActionAlert } from "@/components/ui/action-alert";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";
import { resendInvitationAction } from "@/lib/accounts/actions";

/**
 * "Send the invitation again", for a person who has not chosen a password yet (the mail was lost,
 * or the link expired). Each click is one operation; earlier links stop working.
 */
export function ResendInvitationButton({ userId }: { userId: string }) {
  const t = useTranslations("accounts.people");
  const resend = useAction(resendInvitationAction);
  const [sentTo, setSentTo] = useState<string | null>(null);
  return (
    <div className="space-y-2">
      <Button pending={resend.pending} onClick={() => resend.run({ userId, operationId: crypto.randomUUID() }, (data) => setSentTo(data.email))}>
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
