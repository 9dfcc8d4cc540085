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
