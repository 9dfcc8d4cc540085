import "server-only";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { DatabaseOrTransaction } from "@/db/client";
import { courseProgress, courses, groupMembers, learningGroups } from "@/db/schema";
import type { Ctx } from "@/lib/auth/viewer";
import { memberCountSql } from "@/lib/membership-core/member-count";

/* The home page's own reads (components/home); its assignments and courses cards read their domains'. */

export type MyGroup = {
  id: string;
  name: string;
  courseTitle: string | null;
  /** My progress in the linked course, 0–100; null without a linked course. */
  myPercent: number | null;
  memberCount: number;
};

/** The active groups I belong to, in my company. */
export async function listMyGroups(db: DatabaseOrTransaction, ctx: Ctx): Promise<MyGroup[]> {
  return db
    .select({
      id: learningGroups.id,
      name: learningGroups.name,
      courseTitle: courses.title,
      myPercent: sql<number | null>`case when ${learningGroups.courseId} is null then null else coalesce(${courseProgress.percent}, 0) end`,
      memberCount: memberCountSql(sql`${learningGroups.id}`),
    })
    .from(groupMembers)
    .innerJoin(learningGroups, eq(learningGroups.id, groupMembers.groupId))
    .leftJoin(courses, eq(courses.id, learningGroups.courseId))
    .leftJoin(courseProgress, and(eq(courseProgress.courseId, learningGroups.courseId), eq(courseProgress.userId, ctx.userId)))
    .where(and(eq(groupMembers.userId, ctx.userId), eq(learningGroups.companyId, ctx.companyId), isNull(learningGroups.archivedAt)))
    .orderBy(asc(learningGroups.name));
}
