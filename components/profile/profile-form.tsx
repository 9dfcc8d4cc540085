"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, useEffect, useRef } from "react";
import { ActionAlert } from "@/components/ui/action-alert";
import { Button } from "@/components/ui/button";
import { FormField, inputClass } from "@/components/ui/form-field";
import { useAction } from "@/components/ui/use-action";
import { PERSON_NAME_MAX } from "@/lib/profile/schemas";
import { updateProfileAction } from "@/lib/profile/actions";
import { TimeZoneSelect } from "./time-zone-select";

const FIELDS = ["name", "timeZone", "locale"] as const;

export type ProfileFormProps = {
  name: string;
  /** The person's own choices; "" is the company's default. */
  timeZone: string;
  locale: string;
  companyTimeZone: string;
  companyLocaleLabel: string;
  timeZones: readonly string[];
  locales: readonly { value: string; label: string }[];
  /** The current time in the person's time zone, so a change shows its effect. */
  now: string;
};

/**
 * Name, time zone and language. Saving refreshes the page: the header, dates and the interface
 * language follow at once, because every render reads the person afresh. One submission keeps its
 * operation id until it is answered, so a double click is a replay of the same save rather than a
 * second one; a failed save gets a new id.
 */
export function ProfileForm(props: ProfileFormProps) {
  const t = useTranslations("profile.form");
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const save = useAction(updateProfileAction, { success: () => t("saved") });
  const fieldErrors = save.error?.fieldErrors ?? {};
  const operation = useRef<string | null>(null);

  useEffect(() => {
    if (!save.error) return;
    operation.current = null;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [save.error]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const text = (field: string) => String(data.get(field) ?? "");
    operation.current ??= crypto.randomUUID();
    save.run({ name: text("name"), timeZone: text("timeZone"), locale: text("locale"), operationId: operation.current }, () => {
      operation.current = null;
      router.refresh();
    });
  };

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="max-w-xl space-y-5">
      <ActionAlert error={save.error} fields={FIELDS} />
      <FormField label={t("name")} hint={t("nameHint")} errors={fieldErrors.name}>
        {(control) => (
          <input
            {...control}
            name="name"
            required
            maxLength={PERSON_NAME_MAX}
            defaultValue={props.name}
            autoComplete="name"
            className={inputClass}
          />
        )}
      </FormField>
      <TimeZoneSelect
        zones={props.timeZones}
        defaultValue={props.timeZone}
        companyDefault={t("companyDefault", { value: props.companyTimeZone })}
        label={t("timeZone")}
        hint={`${t("timeZoneHint")} ${props.now}`}
        error={fieldErrors.timeZone?.[0]}
      />
      <FormField label={t("language")} hint={t("languageHint")} errors={fieldErrors.locale}>
        {(control) => (
          <select {...control} name="locale" defaultValue={props.locale} className={inputClass}>
            <option value="">{t("companyDefault", { value: props.companyLocaleLabel })}</option>
            {props.locales.map((locale) => (
              <option key={locale.value} value={locale.value} lang={locale.value}>
                {locale.label}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <Button type="submit" variant="primary" pending={save.pending}>
        {save.pending ? t("saving") : t("save")}
      </Button>
    </form>
  );
}
