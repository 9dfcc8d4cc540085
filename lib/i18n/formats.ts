import type { Formats } from "next-intl";

/**
 * The named formats of every message (`{share, number, percent}`, `{dueOn, date, day}`) and every
 * `format.number(…, "percent")` / `format.dateTime(…, "day")` call, so a percentage or a deadline
 * reads the same on every page, in mails and in PDFs, in each language's own way ("50%", "50 %").
 */
export const formats = {
  number: {
    // Percentages are whole numbers from 0 to 100 everywhere, as the database computes them: shown as
    // a unit, not ICU's default percent style, which would multiply a ratio by 100.
    percent: { style: "unit", unit: "percent", maximumFractionDigits: 1 },
  },
  dateTime: {
    // A moment (a message, a notification, a change), in the reader's time zone.
    moment: { dateStyle: "medium", timeStyle: "short" },
    // The time of day of a moment, in the reader's time zone (a chat message under its day's heading).
    time: { timeStyle: "short" },
    // The day of a moment, in the reader's time zone.
    date: { dateStyle: "medium" },
    // The same, written out (a certificate's date).
    dateLong: { dateStyle: "long" },
    // A calendar day (a deadline, a statistics day) in UTC, from `calendarDay`: the same day in every zone.
    day: { dateStyle: "medium", timeZone: "UTC" },
    dayLong: { dateStyle: "long", timeZone: "UTC" },
    dayShort: { month: "short", day: "numeric", timeZone: "UTC" },
  },
} satisfies Formats;

/** A calendar day (`YYYY-MM-DD`) as the Date the `day` formats show as that day, whatever the reader's zone. */
export const calendarDay = (day: string): Date => new Date(`${day}T12:00:00Z`);
