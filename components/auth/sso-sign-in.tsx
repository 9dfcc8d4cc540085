"use client";

import { useTranslations } from "next-intl";
import { useFormStatus } from "react-dom";
import { Button } from "@/components/ui/button";
import { signInWithSsoAction } from "@/lib/auth/actions";

/** The single sign-on button, shown only when an OIDC provider is configured. */
export function SsoSignIn({ providerName, callbackUrl }: { providerName: string; callbackUrl: string }) {
  const t = useTranslations("sso");
  return (
    <div className="mb-4 space-y-4">
      <form action={signInWithSsoAction} className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <SsoButton label={t("button", { provider: providerName })} pending={t("redirecting", { provider: providerName })} />
      </form>
      <p className="flex items-center gap-3 text-sm text-slate-600 before:h-px before:flex-1 before:bg-slate-200 after:h-px after:flex-1 after:bg-slate-200">
        {t("or")}
      </p>
    </div>
  );
}

function SsoButton({ label, pending }: { label: string; pending: string }) {
  const status = useFormStatus();
  return (
    <Button type="submit" variant="primary" pending={status.pending} className="w-full">
      {status.pending ? pending : label}
    </Button>
  );
}
