import { date, doublePrecision, index, integer, pgTable, primaryKey, uuid } from "drizzle-orm/pg-core";
import { fk } from "./columns";
import { learningGroups } from "./groups";
import { courses } from "./learning";
import { companies } from "./people";

/**
 * One row per group and day, written set-based by the scheduler once a day (idempotent: a second run
 * overwrites the day): the members that day by the ledger and their progress in the group's linked
 * course that day. Today's point is computed live, never stored.
 */
export const groupProgressDaily = pgTable(
  "group_progress_daily",
  {
    groupId: uuid().notNull(),
    companyId: uuid().notNull(),
    day: date({ mode: "string" }).notNull(),
    /** The course the group was linked to that day; the figures are about it. */
    courseId: uuid(),
    members: integer().notNull(),
    averagePercent: doublePrecision().notNull(),
    done: integer().notNull(),
    halfway: integer().notNull(),
    notStarted: integer().notNull(),
  },
  (t) => [
    primaryKey({ name: "group_progress_daily_pk", columns: [t.groupId, t.day] }),
    fk("group_progress_daily_group_fk", t.groupId, learningGroups.id, "cascade"),
    fk("group_progress_daily_company_fk", t.companyId, companies.id, "cascade"),
    fk("group_progress_daily_course_fk", t.courseId, courses.id, "set null"),
    index("group_progress_daily_company_day_idx").on(t.companyId, t.day),
  ],
);
export type GroupProgressDay = typeof groupProgressDaily.$inferSelect;
