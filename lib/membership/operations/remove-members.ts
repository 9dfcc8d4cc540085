import { randomUUID } from "node:crypto";
import { assignmentChanged } from "@/lib/assignments/events";
import { waiveOnRemoval } from "@/lib/assignments/sql";
import { membershipChanged } from "@/lib/membership-core/events";
import { insertNotificationsSql } from "@/lib/notifications/sql";
import { type Committed, defineOperation } from "@/lib/operations/kernel";
import { actorName } from "@/lib/people/queries/person";
import { fanOut } from "../events";
import { manageableGroup } from "../manageable-group";
import { recipients, takeOutOf } from "../leavers";
import { removeMembersSchema } from "../schemas";

export type RemoveResult = { removed: number };

/**
 * Removes members: each is notified and loses the group at once (the group's channels move to a new
 * epoch they are refused, `revoked`; their sockets stay open for everything else). Their messages and
 * progress stay. Up to 10,000 people an operation (`MAX_BATCH_PEOPLE`): larger removals come in batches.
 */
export const removeMembers = defineOperation({
  kind: "membership.remove",
  permission: "group.manageMembers",
  input: removeMembersSchema,
  // Before a replay too: the caller must still manage the group.
  locks: (tx, ctx, input) => manageableGroup(tx, ctx, input.groupId),
  run: async ({ tx, ctx, input, now, locked: group, audit }): Promise<Committed<RemoveResult>> => {
    const batchId = randomUUID();
    const { left: removedIds, revoked } = await takeOutOf(tx, ctx, group, input.userIds, {
      batchId,
      now,
      source: "individual",
      sourceLabel: null,
    });
    const waivedIds = await waiveOnRemoval(tx, ctx, group.id, removedIds, now, input.onAssignments);
    const actor = await actorName(tx, ctx);
    // Kept without the group reference: a later delete of the group must not erase the person's notice.
    const notice = { key: batchId, type: "group.removed", payload: { groupName: group.name, actorName: actor }, groupId: null } as const;
    if (removedIds.length > 0) {
      await tx.execute(insertNotificationsSql({ companyId: ctx.companyId, from: recipients(removedIds), ...notice, createdAt: now }));
    }
    await audit({
      action: "group.members_removed",
      targetType: "group",
      targetId: group.id,
      batchId,
      details: { removed: removedIds.length, assignmentsWaived: waivedIds.length, onAssignments: input.onAssignments ?? "rule" },
    });
    const result = { removed: removedIds.length };
    if (removedIds.length === 0) return { result };
    return {
      result,
      events: [fanOut(removedIds, { ...notice, createdAt: now }), ...revoked, membershipChanged(group.id), ...assignmentChanged(waivedIds)],
    };
  },
});
