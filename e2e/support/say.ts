import { createTranslator } from "next-intl";
import { type Language, LANGUAGES, type Messages } from "@/lib/i18n/catalogue";
import { formats } from "@/lib/i18n/formats";
import de from "@/lib/i18n/messages/de.json" with { type: "json" };
import en from "@/lib/i18n/messages/en.json" with { type: "json" };

export { type Language, LANGUAGES };

const catalogues: Record<Language, Messages> = { en, de };

/**
 * The product's sentences in one language, by their catalogue keys, formatted as the page formats them
 * (a person's zone is their company's, Europe/Berlin, unless a spec sets another): specs that run in
 * more than one language find buttons, headings and messages through these, never through English
 * written into the spec.
 */
export const sayIn = (language: Language, timeZone = "Europe/Berlin") =>
  createTranslator({ locale: language, messages: catalogues[language], formats, timeZone });

export type Say = ReturnType<typeof sayIn>;
