import type { DatabaseOrTransaction } from "@/db/client";
import type { LearningGroup } from "@/db/schema";
import type { Ctx } from "@/lib/auth/viewer";
import { assertActive, readGroup } from "@/lib/group-access/lock";

/**
 * The group, if the caller may change its members now (`manageGroupSql`, read with the row: a
 * private group is its owner's) and it is active. Locked unless `lock: false` (a preview, or the
 * check made before an operation id is replayed).
 */
export async function manageableGroup(tx: DatabaseOrTransaction, ctx: Ctx, groupId: string, lock = true): Promise<LearningGroup> {
  const group = await readGroup(tx, ctx, groupId, { lock, manage: true });
  assertActive(group);
  return group;
}
