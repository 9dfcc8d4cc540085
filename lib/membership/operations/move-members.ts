import "server-only";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { lockCompanyMembership } from "@/db/locks";
import type { LearningGroup } from "@/db/schema";
import { uuidArray } from "@/db/sql";
import { applyGroupRules, queuedMail, waiveOnRemoval } from "@/lib/assignments/sql";
import { assignedEvents, assignmentChanged } from "@/lib/assignments/events";
import { AppError } from "@/lib/errors";
import { placesRefusal } from "@/lib/membership-core/capacity";
import { membershipChanged } from "@/lib/membership-core/events";
import { memberCount } from "@/lib/membership-core/member-count";
import { insertNotificationsSql } from "@/lib/notifications/sql";
import { type Committed, defineOperation } from "@/lib/operations/kernel";
import { actorName } from "@/lib/people/queries/person";
import { fanOut } from "../events";
import { manageableGroup } from "../manageable-group";
import { recipients, takeOutOf } from "../leavers";
import { moveMembersSchema } from "../schemas";

export type MoveResult = { moved: number; alreadyInTarget: number };

const targetNotFound = (error: unknown): never => {
  throw error instanceof AppError && error.code === "not_found" ? new AppError("target_group_not_found") : error;
};

/** A read whose refusal (an AppError) is kept to be thrown when asked for; anything else is thrown at once. */
const settle = <T>(read: Promise<T>): Promise<() => T> =>
  read.then(
    (value) => () => value,
    (error: unknown) => {
      if (!(error instanceof AppError)) throw error;
      return () => {
        throw error;
      };
    },
  );

/**
 * "Move to group": out of one group and into another of the company in one transaction, with
 * one notification per person and both ledgers written. People already in the target only leave
 * the source. The target's maximum applies to those who arrive.
 */
export const moveMembers = defineOperation({
  kind: "membership.move",
  permission: "group.manageMembers",
  input: moveMembersSchema,
  locks: async (tx, ctx, input) => {
    if (input.groupId === input.targetGroupId) throw new AppError("same_group");
    // Arrivals are whoever is still in the source group, which a deactivation in flight empties.
    await lockCompanyMembership(tx, ctx.companyId, "membership-write");
    // Locked in a fixed order, so two opposite moves cannot deadlock; the caller must manage both,
    // and a refusal of the source is the one told, whichever group was locked first.
    const locked = new Map<string, () => LearningGroup>();
    for (const id of [input.groupId, input.targetGroupId].sort()) {
      const group = manageableGroup(tx, ctx, id);
      locked.set(id, await settle(id === input.targetGroupId ? group.catch(targetNotFound) : group));
    }
    return { from: locked.get(input.groupId)!(), to: locked.get(input.targetGroupId)!() };
  },
  run: async ({ tx, ctx, input, now, locked: { from, to }, audit }): Promise<Committed<MoveResult>> => {
    const batchId = randomUUID();
    const { left: leaving, revoked } = await takeOutOf(tx, ctx, from, input.userIds, {
      batchId,
      now,
      source: "move",
      sourceLabel: to.name,
    });
    const arriving = await queryRows<{ user_id: string }>(
      tx,
      sql`select id as user_id from unnest(${uuidArray(leaving)}) as id
          where not exists (select 1 from group_members m where m.group_id = ${to.id} and m.user_id = id)`,
    );
    const taken = await memberCount(tx, to.id);
    if (to.maxMembers !== null && taken + arriving.length > to.maxMembers) {
      throw new AppError("group_full", placesRefusal(taken, to.maxMembers, arriving.length));
    }
    const arrivingIds = arriving.map((row) => row.user_id);
    if (arrivingIds.length > 0) {
      await tx.execute(
        sql`with inserted as (
            insert into group_members (group_id, user_id, company_id, added_by, source, source_label, added_at)
            select ${to.id}, id, ${ctx.companyId}, ${ctx.userId}, 'move', ${from.name}, ${now}
            from unnest(${uuidArray(arrivingIds)}) as id
            returning user_id
          )
          insert into membership_events (company_id, group_id, user_id, kind, actor_id, source, source_label, batch_id, at)
          select ${ctx.companyId}, ${to.id}, user_id, 'added', ${ctx.userId}, 'move', ${from.name}, ${batchId}, ${now}
          from inserted`,
      );
    }
    // Arrivals get the target's rules; then leavers lose what the source's rules say they lose (the
    // target's rule for the same course keeps it, so the order matters).
    const assigned = await applyGroupRules(tx, ctx, to.id, now, batchId);
    const waivedIds = await waiveOnRemoval(tx, ctx, from.id, leaving, now);
    const actor = await actorName(tx, ctx);
    const notice = {
      key: batchId,
      type: "group.moved",
      payload: { fromGroupName: from.name, groupName: to.name, actorName: actor },
      groupId: to.id,
    } as const;
    if (leaving.length > 0) {
      await tx.execute(insertNotificationsSql({ companyId: ctx.companyId, from: recipients(leaving), ...notice, createdAt: now }));
    }
    const result: MoveResult = { moved: leaving.length, alreadyInTarget: leaving.length - arrivingIds.length };
    await audit({
      action: "group.members_moved",
      targetType: "group",
      targetId: from.id,
      batchId,
      details: { targetGroupId: to.id, ...result },
    });
    if (leaving.length === 0) return { result };
    return {
      result,
      events: [
        fanOut(leaving, { ...notice, createdAt: now }),
        ...revoked,
        membershipChanged(from.id),
        membershipChanged(to.id),
        ...assignedEvents(assigned, { source: "rule", now, batchId }),
        ...assignmentChanged(waivedIds),
      ],
      outbox: queuedMail(assigned),
    };
  },
});
