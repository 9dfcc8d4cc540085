import { and, asc, eq, sql } from "drizzle-orm";
import type { DatabaseOrTransaction } from "@/db/client";
import { courseProgress, courses, lessons } from "@/db/schema";
import type { Ctx } from "@/lib/auth/viewer";

export type MyCourse = {
  id: string;
  title: string;
  lessonCount: number;
  percent: number;
  completedAt: Date | null;
  lastActivityAt: Date | null;
};

/** My company's courses with my progress in each; progress is kept per completion, never recomputed here. */
export async function listMyCourses(db: DatabaseOrTransaction, ctx: Ctx): Promise<MyCourse[]> {
  return db
    .select({
      id: courses.id,
      title: courses.title,
      lessonCount: sql<number>`(select count(*)::int from ${lessons} l where l.course_id = ${courses}.id)`,
      percent: sql<number>`coalesce(${courseProgress.percent}, 0)`,
      completedAt: courseProgress.completedAt,
      lastActivityAt: courseProgress.lastActivityAt,
    })
    .from(courses)
    .leftJoin(courseProgress, and(eq(courseProgress.courseId, courses.id), eq(courseProgress.userId, ctx.userId)))
    .where(eq(courses.companyId, ctx.companyId))
    .orderBy(sql`${courseProgress.lastActivityAt} desc nulls last`, asc(courses.title));
}

export type CourseOption = { id: string; title: string };

/** The company's courses, for linking one to a group. */
export async function listCourseOptions(db: DatabaseOrTransaction, ctx: Ctx): Promise<CourseOption[]> {
  return db
    .select({ id: courses.id, title: courses.title })
    .from(courses)
    .where(eq(courses.companyId, ctx.companyId))
    .orderBy(asc(courses.title));
}
