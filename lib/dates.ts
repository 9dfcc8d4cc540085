import { z } from "zod";

/**
 * Dates and instants that come in as text (a form's date, a cursor's time), as the database can
 * store them: the one place that decides. Browser-safe (the forms validate with it too).
 *
 * ISO 8601 has a year 0000 (1 BC); PostgreSQL's `date` and `timestamptz` have no year 0 and refuse
 * it ("date/time field value out of range"), so it is refused here, as the field's own error, like
 * any other date that does not exist. Years after 9999 are no ISO date at all.
 */

/** A calendar day, `YYYY-MM-DD`, from 0001-01-01 on; `error` is the field's catalogue key. */
export const isoDateField = (error: string) => z.iso.date({ error }).refine((value) => !value.startsWith("0000"), { error });

/** An instant in UTC (`…Z`, as `toISOString` writes it), from year 1 on: the time of a cursor we handed out. */
export const isoInstantField = () => z.iso.datetime().refine((value) => !value.startsWith("0000"));
