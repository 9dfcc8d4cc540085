import "server-only";
import { asc, count, eq, sql } from "drizzle-orm";
import type { DatabaseOrTransaction } from "@/db/client";
import { courseProgress, courses, lessons } from "@/db/schema";
import type { Ctx } from "@/lib/auth/viewer";
import { type Page, pageWindow } from "@/lib/pagination";
import { assertCan } from "@/lib/permissions";

export const COURSES_PAGE_SIZE = 25;

export type AdminCourseRow = {
  id: string;
  title: string;
  key: string;
  /** Lessons that count toward the percent: retired ones are left out. */
  lessonCount: number;
  /** People with progress in the course, and those of them who finished it. */
  learners: number;
  finished: number;
  updatedAt: Date;
};

/** "Manage courses": the company's courses by title, a page at a time. */
export async function listAdminCourses(
  db: DatabaseOrTransaction,
  ctx: Ctx,
  options: { page?: number } = {},
): Promise<Page<AdminCourseRow>> {
  assertCan(ctx, "course.import");
  const { page, limit, offset } = pageWindow(options.page, COURSES_PAGE_SIZE);
  const where = eq(courses.companyId, ctx.companyId);
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: courses.id,
        title: courses.title,
        key: courses.key,
        lessonCount: sql<number>`(select count(*)::int from ${lessons} l where l.course_id = ${courses}.id and l.retired_at is null)`,
        learners: sql<number>`(select count(*)::int from ${courseProgress} p where p.company_id = ${ctx.companyId} and p.course_id = ${courses}.id)`,
        finished: sql<number>`(select count(*)::int from ${courseProgress} p where p.company_id = ${ctx.companyId} and p.course_id = ${courses}.id and p.completed_at is not null)`,
        updatedAt: courses.updatedAt,
      })
      .from(courses)
      .where(where)
      .orderBy(asc(sql`lower(${courses.title})`), asc(courses.id))
      .limit(limit)
      .offset(offset),
    db.select({ value: count() }).from(courses).where(where),
  ]);
  return { rows, total: total?.value ?? 0, page, pageSize: COURSES_PAGE_SIZE };
}
