import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { type Database, type DatabaseOrTransaction, queryRows } from "@/db/client";
import { lockCompanyMembership } from "@/db/locks";
import type { LearningGroup } from "@/db/schema";
import { type AssignedRow, applyGroupRules, assignedEvents, assignmentChanged, queuedMail, waiveOnRemoval } from "@/lib/assignments/writes";
import { recordAudit } from "@/lib/operations/audit";
import type { Ctx } from "@/lib/auth/viewer";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { assertActive, lockGroup, readGroup } from "@/lib/groups/lock";
import { memberCount } from "@/lib/groups/service";
import { once, storedResult } from "@/lib/operations/legacy";
import type { Delivery, RealtimeEvent } from "@/lib/realtime/channels";
import { takeOut } from "./removal";
import type { SelfServiceInput } from "./schemas";
import { membershipChanged } from "./service";

export type JoinResult = { joined: boolean };
export type LeaveResult = { left: boolean };
type Outcome<T> = { result: T } & Delivery;

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

/**
 * Joins a public group by oneself: under the company's membership lock (as admins' adds, so a
 * deactivation in flight cannot leave the person in the group) and the group's row lock (so two
 * people racing for the last place queue, and the second sees it taken). Refused with the numbers
 * when full. Joining a group one is already in changes nothing.
 */
export async function joinGroup(db: Database, ctx: Ctx, input: SelfServiceInput): Promise<Outcome<JoinResult>> {
  const operation = { key: input.operationId, kind: "membership.join" };
  // A replay is answered only to whom the group is still open.
  const current = await readGroup(db, ctx, input.groupId);
  assertSelfService(current, await isMember(db, current, ctx));
  const stored = await storedResult<JoinResult>(db, ctx, operation);
  if (stored) return { result: stored.result };
  return db.transaction(async (tx) => {
    const batchId = randomUUID();
    const now = new Date();
    let assigned: AssignedRow[] = [];
    const { result, replayed } = await once(tx, ctx, operation, async () => {
      await lockCompanyMembership(tx, ctx.companyId, "membership-write");
      const group = await lockGroup(tx, ctx, input.groupId);
      const member = await isMember(tx, group, ctx);
      assertSelfService(group, member);
      if (member) return { joined: false };
      const taken = await memberCount(tx, group.id);
      if (group.maxMembers !== null && taken >= group.maxMembers) {
        throw new AppError("group_full_join", { taken, max: group.maxMembers });
      }
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
      if (inserted.length === 0) return { joined: false };
      assigned = await applyGroupRules(tx, ctx, group.id, [ctx.userId], now, batchId);
      await recordAudit(tx, ctx, { action: "group.joined", targetType: "group", targetId: group.id, batchId });
      return { joined: true };
    });
    if (replayed || !result.joined) return { result };
    return {
      result,
      events: [membershipChanged(input.groupId), ...assignedEvents(assigned, { source: "rule", now, batchId })],
      outbox: queuedMail(assigned),
    };
  });
}

/**
 * Leaves a public group by oneself, through the same removal path as an admin's: the ledger says
 * "left", and the person's open connections are ended so the channel-auth route refuses the group
 * from then on; their bell and other groups reconnect. Leaving a group one is not in changes nothing.
 */
export async function leaveGroup(db: Database, ctx: Ctx, input: SelfServiceInput): Promise<Outcome<LeaveResult>> {
  return db.transaction(async (tx) => {
    let waivedIds: string[] = [];
    let revoked: RealtimeEvent[] = [];
    const { result, replayed } = await once(tx, ctx, { key: input.operationId, kind: "membership.leave" }, async () => {
      const group = await lockGroup(tx, ctx, input.groupId);
      assertSelfService(group, await isMember(tx, group, ctx));
      const batchId = randomUUID();
      const now = new Date();
      const removed = await takeOut(tx, ctx, sql`group_id = ${group.id} and user_id = ${ctx.userId}`, {
        batchId,
        now,
        source: "leave",
        sourceLabel: null,
      });
      if (removed.ended.length === 0) return { left: false };
      revoked = removed.events;
      waivedIds = await waiveOnRemoval(tx, ctx, group.id, [ctx.userId], now);
      await recordAudit(tx, ctx, { action: "group.left", targetType: "group", targetId: group.id, batchId });
      return { left: true };
    });
    if (replayed || !result.left) return { result };
    return {
      result,
      events: [...revoked, membershipChanged(input.groupId), ...assignmentChanged(waivedIds)],
      disconnectUsers: [ctx.userId],
    };
  });
}
