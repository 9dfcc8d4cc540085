"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useRef, useState } from "react";
import { NEW_PASSWORD_FIELDS, NewPasswordFields } from "@/components/accounts/new-password-fields";
import { ActionAlert } from "@/components/ui/action-alert";
import { Button } from "@/components/ui/button";
import { FormField, inputClass } from "@/components/ui/form-field";
import { useAction } from "@/components/ui/use-action";
import { useFocusFirstInvalid } from "@/components/ui/use-focus-first-invalid";
import { changePasswordAction } from "@/lib/accounts/actions";

const FIELDS = ["currentPassword", ...NEW_PASSWORD_FIELDS] as const;

/**
 * "Change your password" for the profile page: the current password, then the new one twice.
 * One operation id until a change succeeds (a refused attempt commits nothing), so a double submit changes it once.
 */
export function ChangePasswordForm() {
  const t = useTranslations("accounts.changePassword");
  const change = useAction(changePasswordAction, { success: () => t("changed") });
  const [operationId, setOperationId] = useState(() => crypto.randomUUID());
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, change.error);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const text = (name: string) => String(data.get(name) ?? "");
    change.run(
      { currentPassword: text("currentPassword"), password: text("password"), confirmPassword: text("confirmPassword"), operationId },
      () => {
        setOperationId(crypto.randomUUID());
        formRef.current?.reset();
      },
    );
  };

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label={t("title")} className="max-w-md space-y-4">
      <ActionAlert error={change.error} fields={FIELDS} />
      <FormField label={t("current")} errors={change.error?.fieldErrors?.currentPassword}>
        {(control) => (
          <input {...control} name="currentPassword" type="password" autoComplete="current-password" required className={inputClass} />
        )}
      </FormField>
      <NewPasswordFields labels={{ password: t("next"), confirm: t("confirm") }} errors={change.error?.fieldErrors ?? {}} />
      <Button type="submit" variant="primary" pending={change.pending}>
        {change.pending ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
