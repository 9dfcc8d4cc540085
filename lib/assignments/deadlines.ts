import "server-only";
import { type SQL, sql } from "drizzle-orm";

/**
 * Deadlines and reminder moments, as SQL over a row that has the learner's time zone at hand: every
 * statement that writes assignments (one person, a department of 10,000, a group's late joiner) and the
 * scheduler use these, so "ends at 23:59 in the learner's time zone" is defined once.
 */

/** The hour of the learner's day at which a reminder or overdue notice becomes due. */
export const REMINDER_HOUR = 9;

/** The learner's time zone: their own, or their company's default. `person` and `company` are table aliases. */
export const learnerZoneSql = (person: SQL, company: SQL): SQL => sql`coalesce(${person}.time_zone, ${company}.default_time_zone)`;

/** The learner's today, as a date. */
export const learnerTodaySql = (now: Date, zone: SQL): SQL => sql`(${now}::timestamptz at time zone ${zone})::date`;

/**
 * The instant a deadline date ends: the start of the following day in the learner's zone (the deadline
 * is 23:59 that day; an assignment is overdue from this instant on).
 */
export const dueAtSql = (dueOn: SQL, zone: SQL): SQL => sql`((${dueOn}::date + 1)::timestamp at time zone ${zone})`;

/** When the reminder `offsetDays` days from the deadline is due: `REMINDER_HOUR` o'clock that day, in the learner's zone. */
export const reminderMomentSql = (dueOn: SQL, offsetDays: SQL, zone: SQL): SQL =>
  sql`((${dueOn}::date + ${offsetDays})::timestamp + make_interval(hours => ${REMINDER_HOUR})) at time zone ${zone}`;

/**
 * The earliest reminder moment after `after` (null when none is left): what `assignments.next_reminder_at`
 * holds. Written on assignment with `after` = now, so reminders whose moment has already passed (a deadline
 * three days away has no "7 days before") are never sent.
 */
export const nextReminderSql = (dueOn: SQL, reminderDays: SQL, zone: SQL, after: SQL): SQL =>
  sql`(select min(moment) from (select ${reminderMomentSql(dueOn, sql`d`, zone)} as moment from unnest(${reminderDays}::int[]) as d) moments where moment > ${after})`;
