import "server-only";
import { and, asc, eq, ilike, isNull, sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import { certificates, courseProgress, courses, lessonCompletions, lessons, type QuizQuestion } from "@/db/schema";
import { escapeLike } from "@/db/sql";
import type { Ctx } from "@/lib/auth/viewer";
import { type OptionPage, optionPage, OPTIONS_LIMIT, pageWindow } from "@/lib/pagination";

export type MyCourse = {
  id: string;
  title: string;
  lessonCount: number;
  percent: number;
  completedAt: Date | null;
  lastActivityAt: Date | null;
};

/** The lessons that make up a course now; retired ones keep their completions but leave the course. */
const currentLessonCount = sql<number>`(select count(*)::int from ${lessons} l where l.course_id = ${courses}.id and l.retired_at is null)`;

/** Courses per page of "Courses"; the home page shows the first few (`HOME_COURSES`) and links there. */
export const COURSES_PAGE_SIZE = 24;
export const HOME_COURSES = 5;

export type MyCoursesPage = { rows: MyCourse[]; page: number; hasNext: boolean };

/**
 * My company's courses with my progress in each, those I worked on last first, a page at a time:
 * however large the catalogue, a page reads `pageSize` of them (and one more, for `hasNext`).
 * Progress is kept per completion, never recomputed here.
 */
export async function listMyCourses(
  db: DatabaseOrTransaction,
  ctx: Ctx,
  options: { page?: number; pageSize: number },
): Promise<MyCoursesPage> {
  const { page, limit, offset } = pageWindow(options.page, options.pageSize);
  const rows = await db
    .select({
      id: courses.id,
      title: courses.title,
      lessonCount: currentLessonCount,
      percent: sql<number>`coalesce(${courseProgress.percent}, 0)`,
      completedAt: courseProgress.completedAt,
      lastActivityAt: courseProgress.lastActivityAt,
    })
    .from(courses)
    .leftJoin(courseProgress, and(eq(courseProgress.courseId, courses.id), eq(courseProgress.userId, ctx.userId)))
    .where(eq(courses.companyId, ctx.companyId))
    .orderBy(sql`${courseProgress.lastActivityAt} desc nulls last`, asc(courses.title), asc(courses.id))
    .limit(limit + 1)
    .offset(offset);
  return { rows: rows.slice(0, limit), page, hasNext: rows.length > limit };
}

export type CourseOption = { id: string; title: string };

const courseOptionColumns = { id: courses.id, title: courses.title };

/**
 * The company's courses whose title contains `term`, by title, at most a picker's page: linking a
 * course to a group, assigning one, filtering reports and assignments by one.
 */
export async function searchCourseOptions(db: DatabaseOrTransaction, ctx: Ctx, term: string): Promise<OptionPage<CourseOption>> {
  const needle = term.trim();
  const rows = await db
    .select(courseOptionColumns)
    .from(courses)
    .where(and(eq(courses.companyId, ctx.companyId), needle ? ilike(courses.title, `%${escapeLike(needle)}%`) : undefined))
    .orderBy(asc(sql`lower(${courses.title})`), asc(courses.id))
    .limit(OPTIONS_LIMIT + 1);
  return optionPage(rows);
}

/** One course as a picker shows its current choice (a filter's, a group's), when it is the company's. */
export async function findCourseOption(db: DatabaseOrTransaction, ctx: Ctx, courseId: string): Promise<CourseOption | null> {
  const [row] = await db
    .select(courseOptionColumns)
    .from(courses)
    .where(and(eq(courses.companyId, ctx.companyId), eq(courses.id, courseId)));
  return row ?? null;
}

export type LessonSummary = {
  id: string;
  title: string;
  hasQuiz: boolean;
  /** When I completed it; null while I have not. */
  completedAt: Date | null;
  /** My quiz result in percent; null for lessons without a quiz and for lessons I have not done. */
  score: number | null;
};

export type CourseForLearner = {
  id: string;
  title: string;
  description: string;
  lessons: LessonSummary[];
  progress: { lessonsDone: number; percent: number; score: number | null; completedAt: Date | null };
  /** The first current lesson I have not completed; null once I have done them all. */
  nextLessonId: string | null;
  /** My certificate for this course, once I finished it. */
  certificateId: string | null;
};

const hasQuiz = sql<boolean>`coalesce(jsonb_array_length(${lessons.quiz}) > 0, false)`;

/** A course of my company with its current lessons in order and my progress; null for any other id. */
export async function getCourseForLearner(db: DatabaseOrTransaction, ctx: Ctx, courseId: string): Promise<CourseForLearner | null> {
  const [[course], rows] = await Promise.all([
    db
      .select({
        id: courses.id,
        title: courses.title,
        description: courses.description,
        lessonsDone: sql<number>`coalesce(${courseProgress.lessonsDone}, 0)`,
        percent: sql<number>`coalesce(${courseProgress.percent}, 0)`,
        score: courseProgress.score,
        completedAt: courseProgress.completedAt,
        certificateId: certificates.id,
      })
      .from(courses)
      .leftJoin(courseProgress, and(eq(courseProgress.courseId, courses.id), eq(courseProgress.userId, ctx.userId)))
      .leftJoin(certificates, and(eq(certificates.courseId, courses.id), eq(certificates.userId, ctx.userId)))
      .where(and(eq(courses.id, courseId), eq(courses.companyId, ctx.companyId))),
    db
      .select({
        id: lessons.id,
        title: lessons.title,
        hasQuiz,
        completedAt: lessonCompletions.completedAt,
        score: lessonCompletions.score,
      })
      .from(lessons)
      .leftJoin(lessonCompletions, and(eq(lessonCompletions.lessonId, lessons.id), eq(lessonCompletions.userId, ctx.userId)))
      .where(and(eq(lessons.courseId, courseId), eq(lessons.companyId, ctx.companyId), isNull(lessons.retiredAt)))
      .orderBy(asc(lessons.position)),
  ]);
  if (!course) return null;
  const { lessonsDone, percent, score, completedAt, certificateId, ...details } = course;
  return {
    ...details,
    lessons: rows,
    progress: { lessonsDone, percent, score, completedAt },
    nextLessonId: rows.find((lesson) => !lesson.completedAt)?.id ?? null,
    certificateId,
  };
}

/** A quiz question as the browser gets it: the right answer stays on the server. */
export type QuizQuestionView = Omit<QuizQuestion, "answer">;

export type LessonForLearner = {
  id: string;
  title: string;
  content: string;
  courseId: string;
  courseTitle: string;
  /** Its place among the course's current lessons, from 1. */
  number: number;
  lessonCount: number;
  questions: QuizQuestionView[];
  completedAt: Date | null;
  score: number | null;
  previousLessonId: string | null;
  nextLessonId: string | null;
};

type LessonRow = Omit<LessonForLearner, "questions" | "completedAt"> & {
  quiz: QuizQuestion[] | null;
  completedAt: Date | string | null;
};

/**
 * A current lesson of a course of my company, with my completion and the lessons around it; null
 * for any other id, for a lesson of another course and for a retired lesson. Quiz answers are
 * dropped here, so no page can hand them to the browser.
 */
export async function getLessonForLearner(
  db: DatabaseOrTransaction,
  ctx: Ctx,
  ids: { courseId: string; lessonId: string },
): Promise<LessonForLearner | null> {
  const [row] = await queryRows<LessonRow>(
    db,
    sql`select l.id, l.title, l.content, l.quiz, c.id as "courseId", c.title as "courseTitle",
               (select count(*)::int from lessons o
                 where o.course_id = c.id and o.retired_at is null and o.position <= l.position) as number,
               (select count(*)::int from lessons o where o.course_id = c.id and o.retired_at is null) as "lessonCount",
               lc.completed_at as "completedAt", lc.score,
               (select o.id from lessons o where o.course_id = c.id and o.retired_at is null and o.position < l.position
                 order by o.position desc limit 1) as "previousLessonId",
               (select o.id from lessons o where o.course_id = c.id and o.retired_at is null and o.position > l.position
                 order by o.position limit 1) as "nextLessonId"
        from lessons l
        join courses c on c.id = l.course_id
        left join lesson_completions lc on lc.lesson_id = l.id and lc.user_id = ${ctx.userId}
        where l.id = ${ids.lessonId} and l.course_id = ${ids.courseId} and l.company_id = ${ctx.companyId}
          and l.retired_at is null`,
  );
  if (!row) return null;
  const { quiz, completedAt, ...lesson } = row;
  return {
    ...lesson,
    questions: (quiz ?? []).map(({ prompt, options }) => ({ prompt, options })),
    completedAt: completedAt === null ? null : new Date(completedAt),
  };
}
