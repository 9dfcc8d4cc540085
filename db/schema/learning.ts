import {
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { companies, users } from "./people";

export const courses = pgTable(
  "courses",
  {
    id: uuid().primaryKey().defaultRandom(),
    companyId: uuid().notNull(),
    title: text().notNull(),
    description: text().notNull().default(""),
    createdAt: timestamp({ withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ name: "courses_company_fk", columns: [t.companyId], foreignColumns: [companies.id] }).onDelete(
      "cascade",
    ),
    index("courses_company_title_idx").on(t.companyId, t.title),
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
    position: integer().notNull(),
    title: text().notNull(),
    content: text().notNull().default(""),
    quiz: jsonb().$type<QuizQuestion[]>(),
  },
  (t) => [
    foreignKey({ name: "lessons_company_fk", columns: [t.companyId], foreignColumns: [companies.id] }).onDelete(
      "cascade",
    ),
    foreignKey({ name: "lessons_course_fk", columns: [t.courseId], foreignColumns: [courses.id] }).onDelete("cascade"),
    uniqueIndex("lessons_course_position_uq").on(t.courseId, t.position),
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
    completedAt: timestamp({ withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ name: "lesson_completions_company_fk", columns: [t.companyId], foreignColumns: [companies.id] }).onDelete(
      "cascade",
    ),
    foreignKey({ name: "lesson_completions_user_fk", columns: [t.userId], foreignColumns: [users.id] }).onDelete(
      "cascade",
    ),
    foreignKey({ name: "lesson_completions_course_fk", columns: [t.courseId], foreignColumns: [courses.id] }).onDelete(
      "cascade",
    ),
    foreignKey({ name: "lesson_completions_lesson_fk", columns: [t.lessonId], foreignColumns: [lessons.id] }).onDelete(
      "cascade",
    ),
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
    lastActivityAt: timestamp({ withTimezone: true, precision: 3 }).notNull().defaultNow(),
    completedAt: timestamp({ withTimezone: true, precision: 3 }),
  },
  (t) => [
    primaryKey({ name: "course_progress_pk", columns: [t.userId, t.courseId] }),
    foreignKey({ name: "course_progress_company_fk", columns: [t.companyId], foreignColumns: [companies.id] }).onDelete(
      "cascade",
    ),
    foreignKey({ name: "course_progress_user_fk", columns: [t.userId], foreignColumns: [users.id] }).onDelete("cascade"),
    foreignKey({ name: "course_progress_course_fk", columns: [t.courseId], foreignColumns: [courses.id] }).onDelete(
      "cascade",
    ),
    index("course_progress_company_course_idx").on(t.companyId, t.courseId),
  ],
);
export type CourseProgress = typeof courseProgress.$inferSelect;
