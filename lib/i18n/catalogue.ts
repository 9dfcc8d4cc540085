import type en from "./messages/en.json";

export type Messages = typeof en;

/** The languages with a complete catalogue: the only ones a person can choose on their profile. */
export const LANGUAGES = ["en", "de"] as const;
export type Language = (typeof LANGUAGES)[number];

const DEFAULT_LANGUAGE: Language = "en";

/** A valid BCP 47 tag for formatting, or English when the input is missing or malformed. */
export function formatLocale(requested: string | null | undefined): string {
  if (!requested) return DEFAULT_LANGUAGE;
  try {
    return Intl.getCanonicalLocales(requested)[0] ?? DEFAULT_LANGUAGE;
  } catch (error) {
    // A malformed tag; anything else is not ours to hide.
    if (error instanceof RangeError) return DEFAULT_LANGUAGE;
    throw error;
  }
}

/** The first language an `Accept-Language` header names (its order is the browser's preference). */
export const preferredLocale = (acceptLanguage: string | null | undefined): string | undefined =>
  acceptLanguage?.split(",")[0]?.split(";")[0]?.trim() || undefined;

/**
 * The language the sentences are in for a locale: its own when we have its catalogue, English
 * otherwise (a company default such as `fr` still formats dates and numbers the French way). This,
 * not the formatting locale, is what `lang` attributes say.
 */
export function textLanguage(locale: string): Language {
  const language = new Intl.Locale(formatLocale(locale)).language;
  return (LANGUAGES as readonly string[]).includes(language) ? (language as Language) : DEFAULT_LANGUAGE;
}

/** Loaded on demand: a page pays only for the catalogue of its own language. */
const catalogues: Record<Language, () => Promise<Messages>> = {
  en: async () => (await import("./messages/en.json")).default,
  de: async () => (await import("./messages/de.json")).default,
};

export async function loadMessages(locale: string): Promise<Messages> {
  return catalogues[textLanguage(locale)]();
}
