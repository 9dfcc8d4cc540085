"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useAction } from "@/components/ui/use-action";
import { signOutEverywhereAction } from "@/lib/accounts/actions";

/**
 * "Sign out everywhere" for the profile page: after a confirmation every session of the person ends,
 * this one included, and the sign-in page says how many did.
 */
export function SignOutEverywhere() {
  const t = useTranslations("accounts.signOutEverywhere");
  const router = useRouter();
  const signOut = useAction(signOutEverywhereAction);
  const [confirming, setConfirming] = useState(false);
  // One operation per confirmation: a second click while the first is on its way ends nothing more.
  const [operationId] = useState(() => crypto.randomUUID());

  const confirm = () =>
    signOut.run({ operationId }, ({ sessionsEnded }) => {
      // Replaced, not pushed: Back must not lead to a page of the session that just ended.
      router.replace(`/sign-in?${new URLSearchParams({ signedOut: String(sessionsEnded) })}`);
    });

  return (
    <>
      <Button variant="danger" onClick={() => setConfirming(true)}>
        {t("button")}
      </Button>
      {confirming && (
        <ConfirmDialog
          title={t("confirmTitle")}
          confirmLabel={t("confirm")}
          pendingLabel={t("pending")}
          danger
          pending={signOut.pending}
          error={signOut.error}
          onConfirm={confirm}
          onClose={() => setConfirming(false)}
        >
          <p>{t("confirmBody")}</p>
        </ConfirmDialog>
      )}
    </>
  );
}
