import type en from "./messages/en.json";

export type Messages = typeof en;

const DEFAULT_LOCALE = "en";

/** A valid BCP 47 tag for formatting, or English when the input is missing or malformed. */
export function formatLocale(requested: string | null | undefined): string {
  if (!requested) return DEFAULT_LOCALE;
  try {
    return Intl.getCanonicalLocales(requested)[0] ?? DEFAULT_LOCALE;
  } catch (error) {
    // A malformed tag; anything else is not ours to hide.
    if (error instanceof RangeError) return DEFAULT_LOCALE;
    throw error;
  }
}

/** Catalogues exist per language; until a language has its own, English sentences are shown. */
const catalogues: Record<string, () => Promise<Messages>> = {
  en: async () => (await import("./messages/en.json")).default,
};

export async function loadMessages(locale: string): Promise<Messages> {
  const language = locale.split("-")[0] ?? DEFAULT_LOCALE;
  const load = catalogues[language] ?? catalogues[DEFAULT_LOCALE]!;
  return load();
}
