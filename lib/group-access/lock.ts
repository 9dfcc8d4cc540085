import "server-only";
import { and, eq, getTableColumns } from "drizzle-orm";
import type { DatabaseOrTransaction } from "@/db/client";
import { type LearningGroup, learningGroups } from "@/db/schema";
import type { Ctx } from "@/lib/auth/viewer";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { manageGroupSql } from "@/lib/permissions";

/*
 * Who may see and manage a group, and its row read (and locked) as the caller may reach it: the
 * primitives that groups, membership, chat, feed, statistics, notifications, assignments and the
 * realtime channel-auth all need. They sit below every one of those domains and import none of them,
 * so no domain reaches a peer for them and none sits in a circle with realtime (which removal, in
 * membership-core, reaches).
 */

/**
 * `manage`: the caller must be allowed to manage the group (edit, archive, restore, delete it, change
 * its members: `manageGroupSql`), read with the row itself; a group of the company they may not
 * manage is refused (forbidden), one of another company does not exist for them (not found).
 */
export type GroupReadOptions = { lock?: boolean; manage?: boolean };

/**
 * Reads a group of the caller's company and locks its row until the transaction ends. Every
 * change to a group or its membership takes this lock first, so concurrent batches queue up
 * instead of both passing the maximum-members check. The lock is `FOR NO KEY UPDATE` (as is every
 * group lock: the HR forms', the import's): it queues writers of the group, but not the foreign-key
 * checks (`KEY SHARE`) of everything that references it, so a chat post, a read mark or a setting
 * never waits for a 10,000-person add to commit.
 */
export async function lockGroup(
  tx: DatabaseOrTransaction,
  ctx: Ctx,
  groupId: string,
  options: Omit<GroupReadOptions, "lock"> = {},
): Promise<LearningGroup> {
  return readGroup(tx, ctx, groupId, { ...options, lock: true });
}

/** The same read without the lock, for previews that change nothing (and checks made before a replay). */
export async function readGroup(
  db: DatabaseOrTransaction,
  ctx: Ctx,
  groupId: string,
  options: GroupReadOptions = {},
): Promise<LearningGroup> {
  const query = db
    .select({ ...getTableColumns(learningGroups), manageable: manageGroupSql(ctx) })
    .from(learningGroups)
    .where(and(eq(learningGroups.id, groupId), eq(learningGroups.companyId, ctx.companyId)));
  const [row] = options.lock ? await query.for("no key update") : await query;
  if (!row) throw notFound();
  const { manageable, ...group } = row;
  if (options.manage && !manageable) throw forbidden();
  return group;
}

/** Archived groups are kept for reports and read-only. */
export function assertActive(group: LearningGroup): void {
  if (group.archivedAt) throw new AppError("group_archived", { name: group.name });
}
