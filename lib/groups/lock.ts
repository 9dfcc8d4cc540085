import { and, eq } from "drizzle-orm";
import type { DatabaseOrTransaction } from "@/db/client";
import { type LearningGroup, learningGroups } from "@/db/schema";
import type { Ctx } from "@/lib/auth/viewer";
import { AppError, notFound } from "@/lib/errors";

/**
 * Reads a group of the caller's company and locks its row until the transaction ends. Every
 * change to a group or its membership takes this lock first, so concurrent batches queue up
 * instead of both passing the maximum-members check.
 */
export async function lockGroup(tx: DatabaseOrTransaction, ctx: Ctx, groupId: string): Promise<LearningGroup> {
  return readGroup(tx, ctx, groupId, { lock: true });
}

/** The same read without the lock, for previews that change nothing. */
export async function readGroup(
  db: DatabaseOrTransaction,
  ctx: Ctx,
  groupId: string,
  options: { lock: boolean } = { lock: false },
): Promise<LearningGroup> {
  const query = db
    .select()
    .from(learningGroups)
    .where(and(eq(learningGroups.id, groupId), eq(learningGroups.companyId, ctx.companyId)));
  const [group] = options.lock ? await query.for("update") : await query;
  if (!group) throw notFound();
  return group;
}

/** Archived groups are kept for reports and read-only. */
export function assertActive(group: LearningGroup): void {
  if (group.archivedAt) throw new AppError("group_archived", { name: group.name });
}
