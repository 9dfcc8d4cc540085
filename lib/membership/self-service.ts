import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows, type Transaction } from "@/db/client";
import { lockCompanyMembership } from "@/db/locks";
import type { LearningGroup } from "@/db/schema";
import { applyGroupRules, queuedMail, waiveOnRemoval } from "@/lib/assignments/sql";
import { assignedEvents, assignmentChanged } from "@/lib/assignments/events";
import type { Ctx } from "@/lib/auth/viewer";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { assertActive, lockGroup, readGroup } from "@/lib/groups/lock";
import { memberCount } from "@/lib/groups/service";
import { type Committed, defineOperation } from "@/lib/operations/kernel";
import { takeOut } from "./removal";
import { selfServiceSchema } from "./schemas";
import { membershipChanged } from "./service";

export type JoinResult = { joined: boolean };
export type LeaveResult = { left: boolean };

async function isMember(tx: DatabaseOrTransaction, group: LearningGroup, ctx: Ctx): Promise<boolean> {
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
function assertSelfService(group: LearningGroup, member: boolean): void {
  if (group.visibility !== "public") throw member ? forbidden() : notFound();
  if (group.archivedAt && !member) throw notFound();
  assertActive(group);
}

/** The group, locked, if the caller may join or leave it by themselves; and whether they are in it. */
async function lockSelfService(tx: Transaction, ctx: Ctx, groupId: string): Promise<{ group: LearningGroup; member: boolean }> {
  const group = await lockGroup(tx, ctx, groupId);
  const member = await isMember(tx, group, ctx);
  assertSelfService(group, member);
  return { group, member };
}

/**
 * Joins a public group by oneself: under the company's membership lock (as admins' adds, so a
 * deactivation in flight cannot leave the person in the group) and the group's row lock (so two
 * people racing for the last place queue, and the second sees it taken). Refused with the numbers
 * when full. Joining a group one is already in changes nothing.
 */
export const joinGroup = defineOperation({
  kind: "membership.join",
  permission: "group.join",
  input: selfServiceSchema,
  // A replay is answered only to whom the group is still open.
  authorize: async (db, ctx, input) => {
    const group = await readGroup(db, ctx, input.groupId);
    assertSelfService(group, await isMember(db, group, ctx));
  },
  locks: async (tx, ctx, input) => {
    await lockCompanyMembership(tx, ctx.companyId, "membership-write");
    return lockSelfService(tx, ctx, input.groupId);
  },
  run: async ({ tx, ctx, now, locked: { group, member }, audit }): Promise<Committed<JoinResult>> => {
    if (member) return { result: { joined: false } };
    const taken = await memberCount(tx, group.id);
    if (group.maxMembers !== null && taken >= group.maxMembers) {
      throw new AppError("group_full_join", { taken, max: group.maxMembers });
    }
    const batchId = randomUUID();
    // Only an active person is inserted, checked in the statement's own snapshot under the lock above:
    // a deactivation that committed first leaves nothing to insert.
    const inserted = await queryRows<{ user_id: string }>(
      tx,
      sql`with inserted as (
          insert into group_members (group_id, user_id, company_id, added_by, source, added_at)
          select ${group.id}, id, ${ctx.companyId}, ${ctx.userId}, 'join', ${now}
          from users where id = ${ctx.userId} and company_id = ${ctx.companyId} and deactivated_at is null
          on conflict do nothing
          returning user_id
        ),
        ledger as (
          insert into membership_events (company_id, group_id, user_id, kind, actor_id, source, batch_id, at)
          select ${ctx.companyId}, ${group.id}, user_id, 'added', ${ctx.userId}, 'join', ${batchId}, ${now}
          from inserted
        )
        select user_id from inserted`,
    );
    if (inserted.length === 0) return { result: { joined: false } };
    const assigned = await applyGroupRules(tx, ctx, group.id, [ctx.userId], now, batchId);
    await audit({ action: "group.joined", targetType: "group", targetId: group.id, batchId });
    return {
      result: { joined: true },
      events: [membershipChanged(group.id), ...assignedEvents(assigned, { source: "rule", now, batchId })],
      outbox: queuedMail(assigned),
    };
  },
});

/**
 * Leaves a public group by oneself, through the same removal path as an admin's: the ledger says
 * "left", and the person's open connections are ended so the channel-auth route refuses the group
 * from then on; their bell and other groups reconnect. Leaving a group one is not in changes nothing.
 */
export const leaveGroup = defineOperation({
  kind: "membership.leave",
  permission: "group.leave",
  input: selfServiceSchema,
  locks: (tx, ctx, input) => lockSelfService(tx, ctx, input.groupId),
  run: async ({ tx, ctx, now, locked: { group }, audit }): Promise<Committed<LeaveResult>> => {
    const batchId = randomUUID();
    const removed = await takeOut(tx, ctx, sql`group_id = ${group.id} and user_id = ${ctx.userId}`, {
      batchId,
      now,
      source: "leave",
      sourceLabel: null,
    });
    if (removed.ended.length === 0) return { result: { left: false } };
    const waivedIds = await waiveOnRemoval(tx, ctx, group.id, [ctx.userId], now);
    await audit({ action: "group.left", targetType: "group", targetId: group.id, batchId });
    return {
      result: { left: true },
      events: [...removed.events, membershipChanged(group.id), ...assignmentChanged(waivedIds)],
      disconnectUsers: [ctx.userId],
    };
  },
});
