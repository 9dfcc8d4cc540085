/**
 * The languages a person can choose on their profile. Dates and numbers follow the chosen
 * locale's conventions; sentences come from the nearest catalogue we have (English until others
 * arrive, see catalogue.ts).
 */
export const PROFILE_LOCALES = ["en", "en-GB", "de", "fr", "es", "it", "nl"] as const;

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
