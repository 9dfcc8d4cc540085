import { sql } from "drizzle-orm";
import { bigint, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { fk, timestampMs } from "./columns";
import { groupMessages } from "./chat";
import { learningGroups } from "./groups";
import { companies, users } from "./people";

export const courses = pgTable(
  "courses",
  {
    id: uuid().primaryKey().defaultRandom(),
    companyId: uuid().notNull(),
    /** The course's id in the import file: importing the same key again updates the course. */
    key: text().notNull(),
    title: text().notNull(),
    description: text().notNull().default(""),
    createdAt: timestampMs().notNull().defaultNow(),
    updatedAt: timestampMs().notNull().defaultNow(),
  },
  (t) => [
    fk("courses_company_fk", t.companyId, companies.id, "cascade"),
    index("courses_company_title_idx").on(t.companyId, t.title),
    uniqueIndex("courses_company_key_uq").on(t.companyId, t.key),
  ],
);
export type Course = typeof courses.$inferSelect;
export type NewCourse = typeof courses.$inferInsert;

export type QuizQuestion = { prompt: string; options: string[]; answer: number };

export const lessons = pgTable(
  "lessons",
  {
    id: uuid().primaryKey().defaultRandom(),
    companyId: uuid().notNull(),
    courseId: uuid().notNull(),
    /** The lesson's id in the import file, unique within its course. */
    key: text().notNull(),
    position: integer().notNull(),
    title: text().notNull(),
    content: text().notNull().default(""),
    quiz: jsonb().$type<QuizQuestion[]>(),
    /**
     * Set when a re-import no longer lists the lesson: it leaves the course (and its percent) but
     * keeps the completions that learners earned with it.
     */
    retiredAt: timestampMs(),
  },
  (t) => [
    fk("lessons_company_fk", t.companyId, companies.id, "cascade"),
    fk("lessons_course_fk", t.courseId, courses.id, "cascade"),
    uniqueIndex("lessons_course_position_uq")
      .on(t.courseId, t.position)
      .where(sql`${t.retiredAt} is null`),
    uniqueIndex("lessons_course_key_uq").on(t.courseId, t.key),
  ],
);
export type Lesson = typeof lessons.$inferSelect;
export type NewLesson = typeof lessons.$inferInsert;

export const lessonCompletions = pgTable(
  "lesson_completions",
  {
    id: uuid().primaryKey().defaultRandom(),
    companyId: uuid().notNull(),
    userId: uuid().notNull(),
    courseId: uuid().notNull(),
    lessonId: uuid().notNull(),
    /** Quiz result in percent; null for lessons without a quiz. */
    score: integer(),
    completedAt: timestampMs().notNull().defaultNow(),
  },
  (t) => [
    fk("lesson_completions_company_fk", t.companyId, companies.id, "cascade"),
    fk("lesson_completions_user_fk", t.userId, users.id, "cascade"),
    fk("lesson_completions_course_fk", t.courseId, courses.id, "cascade"),
    fk("lesson_completions_lesson_fk", t.lessonId, lessons.id, "cascade"),
    uniqueIndex("lesson_completions_user_lesson_uq").on(t.userId, t.lessonId),
    index("lesson_completions_company_course_idx").on(t.companyId, t.courseId, t.completedAt.desc()),
  ],
);
export type LessonCompletion = typeof lessonCompletions.$inferSelect;

/** Maintained with every completion, so statistics never scan completions. */
export const courseProgress = pgTable(
  "course_progress",
  {
    companyId: uuid().notNull(),
    userId: uuid().notNull(),
    courseId: uuid().notNull(),
    lessonsDone: integer().notNull().default(0),
    percent: integer().notNull().default(0),
    score: integer(),
    lastActivityAt: timestampMs().notNull().defaultNow(),
    completedAt: timestampMs(),
  },
  (t) => [
    primaryKey({ name: "course_progress_pk", columns: [t.userId, t.courseId] }),
    fk("course_progress_company_fk", t.companyId, companies.id, "cascade"),
    fk("course_progress_user_fk", t.userId, users.id, "cascade"),
    fk("course_progress_course_fk", t.courseId, courses.id, "cascade"),
    index("course_progress_company_course_idx").on(t.companyId, t.courseId),
  ],
);
export type CourseProgress = typeof courseProgress.$inferSelect;

/** One row per person, course and day (in the learner's time zone) on which their progress changed. */
export const progressSnapshots = pgTable(
  "progress_snapshots",
  {
    companyId: uuid().notNull(),
    userId: uuid().notNull(),
    courseId: uuid().notNull(),
    day: date({ mode: "string" }).notNull(),
    lessonsDone: integer().notNull(),
    percent: integer().notNull(),
    score: integer(),
  },
  (t) => [
    primaryKey({ name: "progress_snapshots_pk", columns: [t.userId, t.courseId, t.day] }),
    fk("progress_snapshots_company_fk", t.companyId, companies.id, "cascade"),
    fk("progress_snapshots_user_fk", t.userId, users.id, "cascade"),
    fk("progress_snapshots_course_fk", t.courseId, courses.id, "cascade"),
    index("progress_snapshots_company_course_day_idx").on(t.companyId, t.courseId, t.day),
  ],
);
export type ProgressSnapshot = typeof progressSnapshots.$inferSelect;

/**
 * Consecutive days with at least one completed lesson, counted in the learner's time zone. `current`
 * is the run that ended on `lastDay`; readers treat it as broken once a whole day has passed since.
 */
export const streaks = pgTable(
  "streaks",
  {
    userId: uuid().primaryKey(),
    companyId: uuid().notNull(),
    current: integer().notNull(),
    longest: integer().notNull(),
    lastDay: date({ mode: "string" }).notNull(),
  },
  (t) => [fk("streaks_company_fk", t.companyId, companies.id, "cascade"), fk("streaks_user_fk", t.userId, users.id, "cascade")],
);
export type Streak = typeof streaks.$inferSelect;

export const badgeEnum = pgEnum("badge", ["first_lesson", "first_course", "three_courses", "streak_7", "streak_30", "perfect_quiz"]);
export type Badge = (typeof badgeEnum.enumValues)[number];

/** Each badge is awarded once per person; `courseId` is the course of the completion that earned it. */
export const userBadges = pgTable(
  "user_badges",
  {
    companyId: uuid().notNull(),
    userId: uuid().notNull(),
    badge: badgeEnum().notNull(),
    courseId: uuid().notNull(),
    awardedAt: timestampMs().notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "user_badges_pk", columns: [t.userId, t.badge] }),
    fk("user_badges_company_fk", t.companyId, companies.id, "cascade"),
    fk("user_badges_user_fk", t.userId, users.id, "cascade"),
    fk("user_badges_course_fk", t.courseId, courses.id, "cascade"),
  ],
);
export type UserBadge = typeof userBadges.$inferSelect;

/**
 * Per-company certificate numbering: an upsert on the company's row hands out the next number atomically.
 * `companyNumber` is drawn once, from a product-wide sequence, when the company's first certificate is
 * issued: a short code that sets the company's serials apart from every other company's.
 */
export const certificateCounters = pgTable(
  "certificate_counters",
  {
    companyId: uuid().primaryKey(),
    lastNumber: bigint({ mode: "number" }).notNull(),
    companyNumber: integer().notNull().generatedByDefaultAsIdentity(),
  },
  (t) => [
    fk("certificate_counters_company_fk", t.companyId, companies.id, "cascade"),
    uniqueIndex("certificate_counters_company_number_uq").on(t.companyNumber),
  ],
);

export const certificates = pgTable(
  "certificates",
  {
    id: uuid().primaryKey().defaultRandom(),
    companyId: uuid().notNull(),
    userId: uuid().notNull(),
    courseId: uuid().notNull(),
    serial: text().notNull(),
    issuedAt: timestampMs().notNull().defaultNow(),
  },
  (t) => [
    fk("certificates_company_fk", t.companyId, companies.id, "cascade"),
    fk("certificates_user_fk", t.userId, users.id, "cascade"),
    fk("certificates_course_fk", t.courseId, courses.id, "cascade"),
    uniqueIndex("certificates_serial_uq").on(t.serial),
    uniqueIndex("certificates_user_course_uq").on(t.userId, t.courseId),
  ],
);
export type Certificate = typeof certificates.$inferSelect;

/** What the group feed shows. */
export const activityTypeEnum = pgEnum("activity_type", [
  "lesson_completed",
  "course_completed",
  "streak_milestone",
  "badge_awarded",
  "certificate_issued",
  /** A chat message of kind praise: it names a colleague and enters that group's feed only. */
  "praise",
]);
export type ActivityType = (typeof activityTypeEnum.enumValues)[number];

/**
 * A learner's events. Every event carries a course (a streak or badge event the course of the
 * completion that caused it), so a group's feed is "events on its linked course by people while they
 * were members". Learning events belong to the learner and survive group deletion, as their progress,
 * badges and certificates do; praise belongs to the group (`groupId`, `messageId`) and goes with it
 * and with its chat message, by cascade.
 */
export const activityEvents = pgTable(
  "activity_events",
  {
    id: uuid().primaryKey().defaultRandom(),
    companyId: uuid().notNull(),
    userId: uuid().notNull(),
    type: activityTypeEnum().notNull(),
    courseId: uuid().notNull(),
    lessonId: uuid(),
    badge: badgeEnum(),
    certificateId: uuid(),
    /** Set for praise only: the group whose chat it was said in (its feed alone shows it). */
    groupId: uuid(),
    messageId: uuid(),
    /** Display facts frozen at the moment (lesson title, score, streak length, serial). */
    payload: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestampMs().notNull().defaultNow(),
  },
  (t) => [
    fk("activity_events_company_fk", t.companyId, companies.id, "cascade"),
    fk("activity_events_user_fk", t.userId, users.id, "cascade"),
    fk("activity_events_course_fk", t.courseId, courses.id, "cascade"),
    fk("activity_events_lesson_fk", t.lessonId, lessons.id, "set null"),
    fk("activity_events_certificate_fk", t.certificateId, certificates.id, "set null"),
    fk("activity_events_group_fk", t.groupId, learningGroups.id, "cascade"),
    fk("activity_events_message_fk", t.messageId, groupMessages.id, "cascade"),
    index("activity_events_group_created_idx")
      .on(t.groupId, t.createdAt.desc(), t.id.desc())
      .where(sql`${t.groupId} is not null`),
    index("activity_events_company_course_created_idx").on(t.companyId, t.courseId, t.createdAt.desc(), t.id.desc()),
    index("activity_events_user_created_idx").on(t.userId, t.createdAt.desc()),
    // A message's delete (all of a group's, when the group goes) finds its praise event by this:
    // without it, each message deleted scanned the whole table.
    index("activity_events_message_idx")
      .on(t.messageId)
      .where(sql`${t.messageId} is not null`),
  ],
);
export type ActivityEvent = typeof activityEvents.$inferSelect;

/**
 * A group's feed, fanned out on write: one row per (group, event) the group's Activity tab shows, so a
 * page of any group's feed is one index range, whether its course has 60 events or 600,000 and
 * whether it has 20 members or 100,000. Kept by triggers on the tables it derives from (migration
 * 0025), whatever writes them: a learning event enters the feed of each group on its course whose
 * ledger says its learner was a member at the event's time; praise enters its own group's; a group's
 * course changing rebuilds the group's learning rows from the ledger. No foreign keys (as for the
 * ledger, a row-by-row check on every fan-out and backfill row): deletes follow by statement triggers.
 */
export const groupFeed = pgTable(
  "group_feed",
  {
    groupId: uuid().notNull(),
    companyId: uuid().notNull(),
    /** The event's own time, copied so the page is read in the index's order without a join. */
    createdAt: timestampMs().notNull(),
    eventId: uuid().notNull(),
  },
  (t) => [
    primaryKey({ name: "group_feed_pk", columns: [t.groupId, t.createdAt, t.eventId] }),
    // An event's deletion (a person's, a course's, a praise message's) finds its rows by this.
    index("group_feed_event_idx").on(t.eventId),
  ],
);
