import "server-only";
import { and, eq, isNull, ne, sql } from "drizzle-orm";
import type { DatabaseOrTransaction } from "@/db/client";
import { isUniqueViolation } from "@/db/errors";
import { courses, learningGroups } from "@/db/schema";
import type { Ctx } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { lockGroup } from "@/lib/group-access/lock";
import type { GroupFields } from "./schemas";

/* The checks and helpers several group operations share. */

export async function assertCourseInCompany(db: DatabaseOrTransaction, ctx: Ctx, courseId: string | null): Promise<void> {
  if (!courseId) return;
  const [course] = await db
    .select({ id: courses.id })
    .from(courses)
    .where(and(eq(courses.id, courseId), eq(courses.companyId, ctx.companyId)));
  if (!course) throw new AppError("course_not_found");
}

/** Names are unique among the company's active groups, regardless of case. */
export async function nameTaken(db: DatabaseOrTransaction, ctx: Ctx, name: string, exceptGroupId?: string): Promise<boolean> {
  const [clash] = await db
    .select({ id: learningGroups.id })
    .from(learningGroups)
    .where(
      and(
        eq(learningGroups.companyId, ctx.companyId),
        isNull(learningGroups.archivedAt),
        sql`lower(${learningGroups.name}) = lower(${name})`,
        exceptGroupId ? ne(learningGroups.id, exceptGroupId) : undefined,
      ),
    );
  return clash !== undefined;
}

/** Another transaction can take the name between the check and the insert; the unique index decides. */
export const nameGuard = (error: unknown, input: { name: string }) =>
  isUniqueViolation(error, "learning_groups_active_name_uq") ? new AppError("name_taken", { name: input.name }) : error;

/** Who may manage the group is settled, with its row locked, before the operation id is claimed or replayed. */
export const manageLocked = (tx: DatabaseOrTransaction, ctx: Ctx, input: { groupId: string }) =>
  lockGroup(tx, ctx, input.groupId, { manage: true });

export function fieldsOf(input: GroupFields) {
  return {
    name: input.name,
    description: input.description,
    courseId: input.courseId,
    maxMembers: input.maxMembers,
    visibility: input.visibility,
  };
}
