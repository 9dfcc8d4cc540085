import "server-only";
import { sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows, type Transaction } from "@/db/client";
import type { LearningGroup } from "@/db/schema";
import type { Ctx } from "@/lib/auth/viewer";
import { forbidden, notFound } from "@/lib/errors";
import { assertActive, lockGroup } from "@/lib/group-access/lock";

/* What joining and leaving a group by oneself share (operations/join-group.ts, leave-group.ts). */

export async function isMember(tx: DatabaseOrTransaction, group: LearningGroup, ctx: Ctx): Promise<boolean> {
  const [row] = await queryRows<{ member: boolean }>(
    tx,
    sql`select exists (select 1 from group_members where group_id = ${group.id} and user_id = ${ctx.userId}) as member`,
  );
  return row!.member;
}

/**
 * Joining and leaving are for public groups only. A private group the caller is not in does not
 * exist for them (not found, never a hint); its members are refused, since only the owner changes
 * who is in it. An archived group the caller is not in does not exist for them either.
 */
export function assertSelfService(group: LearningGroup, member: boolean): void {
  if (group.visibility !== "public") throw member ? forbidden() : notFound();
  if (group.archivedAt && !member) throw notFound();
  assertActive(group);
}

/** The group, locked, if the caller may join or leave it by themselves; and whether they are in it. */
export async function lockSelfService(tx: Transaction, ctx: Ctx, groupId: string): Promise<{ group: LearningGroup; member: boolean }> {
  const group = await lockGroup(tx, ctx, groupId);
  const member = await isMember(tx, group, ctx);
  assertSelfService(group, member);
  return { group, member };
}
