"use client";

import { useTranslations } from "next-intl";
import { FormField, inputClass } from "@/components/ui/form-field";
import { PASSWORD_MIN_LENGTH } from "@/lib/accounts/schemas";

/** "New password" and "Repeat the new password", for choosing a password with a link and for changing it. */
export function NewPasswordFields({ labels, errors }: { labels: { password: string; confirm: string }; errors: Record<string, string[]> }) {
  const t = useTranslations("accounts.setPassword");
  return (
    <>
      <FormField label={labels.password} hint={t("passwordHint", { min: PASSWORD_MIN_LENGTH })} errors={errors.password}>
        {(control) => (
          <input
            {...control}
            name="password"
            type="password"
            autoComplete="new-password"
            required
            minLength={PASSWORD_MIN_LENGTH}
            className={inputClass}
          />
        )}
      </FormField>
      <FormField label={labels.confirm} errors={errors.confirmPassword}>
        {(control) => (
          <input {...control} name="confirmPassword" type="password" autoComplete="new-password" required className={inputClass} />
        )}
      </FormField>
    </>
  );
}

export const NEW_PASSWORD_FIELDS = ["password", "confirmPassword"] as const;
