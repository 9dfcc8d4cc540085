import { useTranslations } from "next-intl";
import type { ActionError } from "@/lib/actions/safe-action";
import type { Messages } from "@/lib/i18n/catalogue";

type ValidationKey = keyof Messages["validation"];

/** An action's error as a sentence: `errors.<code>` with its values; unexpected ones name the request id. */
export function useErrorMessage(): (error: ActionError) => string {
  const t = useTranslations("errors");
  return (error) => {
    if (error.code !== "unexpected") return t(error.code, error.values);
    return error.requestId ? t("unexpected", { requestId: error.requestId }) : t("unexpectedNoId");
  };
}

/** A field error from the schemas (a catalogue key such as `validation.nameRequired`) as a sentence. */
export function useFieldErrorMessage(): (key: string) => string {
  const t = useTranslations("validation");
  return (key) => {
    const name = key.replace(/^validation\./, "") as ValidationKey;
    return t.has(name) ? t(name) : t("invalid");
  };
}
