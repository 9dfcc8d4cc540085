import { useTranslations } from "next-intl";
import type { ActionError } from "@/lib/actions/safe-action";

type Translate = ReturnType<typeof useTranslations<never>>;
type CatalogueKey = Parameters<Translate>[0];

/** A code or field error that is a full catalogue key (`accounts.errors.linkExpired`) rather than a bare code. */
const isFullKey = (key: string) => key.includes(".");

/**
 * An action's error as a sentence: `errors.<code>` (or the code itself when it is a full key) with
 * its values; unexpected ones name the request id.
 */
export function useErrorMessage(): (error: ActionError) => string {
  const t = useTranslations();
  return (error) => {
    if (error.code === "unexpected") {
      return error.requestId ? t("errors.unexpected", { requestId: error.requestId }) : t("errors.unexpectedNoId");
    }
    const key = (isFullKey(error.code) ? error.code : `errors.${error.code}`) as CatalogueKey;
    return t(key, error.values);
  };
}

/**
 * A field error from the schemas (a catalogue key such as `validation.nameRequired` or
 * `accounts.validation.passwordTooShort`) as a sentence; an unknown key reads "This value is not valid".
 */
export function useFieldErrorMessage(): (key: string) => string {
  const t = useTranslations();
  return (key) => {
    const full = (isFullKey(key) ? key : `validation.${key}`) as CatalogueKey;
    return t.has(full) ? t(full) : t("validation.invalid");
  };
}
