import "server-only";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { assignmentChanged } from "@/lib/assignments/events";
import { waiveOnRemoval } from "@/lib/assignments/sql";
import { membershipChanged } from "@/lib/membership-core/events";
import { takeOut } from "@/lib/membership-core/removal";
import { type Committed, defineOperation } from "@/lib/operations/kernel";
import { selfServiceSchema } from "../schemas";
import { lockSelfService } from "../self-service";

export type LeaveResult = { left: boolean };

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
    };
  },
});
