"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { type FormEvent, useRef, useState } from "react";
import { authCardClass, authLinkClass } from "@/components/auth/auth-page";
import { ActionAlert } from "@/components/ui/action-alert";
import { Button } from "@/components/ui/button";
import { FormField, inputClass } from "@/components/ui/form-field";
import { useAction } from "@/components/ui/use-action";
import { useFocusFirstInvalid } from "@/components/ui/use-focus-first-invalid";
import { requestPasswordResetAction } from "@/lib/accounts/actions";

/** "Forgot your password?": the same answer whether or not the address has an account. */
export function ForgotPasswordForm() {
  const t = useTranslations("accounts.forgotPassword");
  const request = useAction(requestPasswordResetAction);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, request.error);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get("email") ?? "");
    request.run({ email }, (data) => setSentTo(data.email));
  };

  if (sentTo) {
    return (
      <div className={authCardClass}>
        <p role="status" className="text-sm text-slate-800">
          {t("sent", { email: sentTo })}
        </p>
        <Link href="/sign-in" className={`${authLinkClass} text-sm`}>
          {t("backToSignIn")}
        </Link>
      </div>
    );
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate className={authCardClass}>
      <p className="text-sm text-slate-700">{t("intro")}</p>
      <ActionAlert error={request.error} fields={["email"]} />
      <FormField label={t("email")} errors={request.error?.fieldErrors?.email}>
        {(control) => <input {...control} name="email" type="email" autoComplete="username" required className={inputClass} />}
      </FormField>
      <Button type="submit" variant="primary" pending={request.pending} className="w-full">
        {request.pending ? t("submitting") : t("submit")}
      </Button>
      <p className="text-center text-sm">
        <Link href="/sign-in" className={authLinkClass}>
          {t("backToSignIn")}
        </Link>
      </p>
    </form>
  );
}
