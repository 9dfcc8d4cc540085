import { type OptionPage, optionPage } from "@/lib/pagination";

/**
 * The languages a person can choose on their profile: only those whose sentences are complete
 * (catalogue.ts), each with the regional formats people expect of dates and numbers.
 */
export const PROFILE_LOCALES = ["en", "en-GB", "de", "de-AT", "de-CH"] as const;

export function isProfileLocale(value: string): boolean {
  return (PROFILE_LOCALES as readonly string[]).includes(value);
}

/** The IANA time zones this runtime knows, plus UTC (which `supportedValuesOf` leaves out). */
export function timeZones(): string[] {
  return ["UTC", ...Intl.supportedValuesOf("timeZone")];
}

export function isTimeZone(value: string): boolean {
  return timeZones().includes(value);
}

/** A zone's words as people type them: "America/New_York" is "america new york". */
const zoneWords = (text: string) =>
  text
    .toLowerCase()
    .replace(/[/_-]+/g, " ")
    .trim();

/**
 * The zones whose name contains what was typed ("berlin" finds Europe/Berlin, "new york"
 * America/New_York), in their order, as one page of a picker: the first `OPTIONS_LIMIT`.
 */
export function matchTimeZones(zones: readonly string[], term: string): OptionPage<{ id: string }> {
  const typed = zoneWords(term);
  return optionPage(zones.filter((zone) => zoneWords(zone).includes(typed)).map((id) => ({ id })));
}
