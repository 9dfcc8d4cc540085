import {
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { fk, timestampMs } from "./columns";
import { companies, users } from "./people";

export const courses = pgTable(
  "courses",
  {
    id: uuid().primaryKey().defaultRandom(),
    companyId: uuid().notNull(),
    title: text().notNull(),
    description: text().notNull().default(""),
    createdAt: timestampMs().notNull().defaultNow(),
  },
  (t) => [
    fk("courses_company_fk", t.companyId, companies.id, "cascade"),
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
    fk("lessons_company_fk", t.companyId, companies.id, "cascade"),
    fk("lessons_course_fk", t.courseId, courses.id, "cascade"),
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
