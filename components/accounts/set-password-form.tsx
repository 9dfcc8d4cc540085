"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, useRef } from "react";
import { authCardClass } from "@/components/auth/auth-page";
import { ActionAlert } from "@/components/ui/action-alert";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";
import { useFocusFirstInvalid } from "@/components/ui/use-focus-first-invalid";
import { setPasswordAction } from "@/lib/accounts/actions";
import { NEW_PASSWORD_FIELDS, NewPasswordFields } from "./new-password-fields";

/** Choosing a password with a mailed link; then on to sign-in with the email filled in. */
export function SetPasswordForm({ token, email }: { token: string; email: string }) {
  const t = useTranslations("accounts.setPassword");
  const router = useRouter();
  const save = useAction(setPasswordAction);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, save.error);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    save.run(
      { token, password: String(data.get("password") ?? ""), confirmPassword: String(data.get("confirmPassword") ?? "") },
      (result) => router.push(`/sign-in?${new URLSearchParams({ passwordSet: "1", email: result.email })}`),
    );
  };

  return (
    <form ref={formRef} onSubmit={submit} noValidate className={authCardClass}>
      <p className="text-sm text-slate-700">{t("intro", { email })}</p>
      <ActionAlert error={save.error} fields={NEW_PASSWORD_FIELDS} />
      <NewPasswordFields labels={{ password: t("password"), confirm: t("confirmPassword") }} errors={save.error?.fieldErrors ?? {}} />
      <Button type="submit" variant="primary" pending={save.pending} className="w-full">
        {save.pending ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
