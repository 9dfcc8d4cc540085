import "server-only";
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { lockCompanyMembership } from "@/db/locks";
import { learningGroups } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { takeOut } from "@/lib/membership-core/removal";
import { defineOperation } from "@/lib/operations/kernel";
import { groupChanged } from "../events";
import { manageLocked, nameTaken } from "../rules";
import { groupOperationSchema } from "../schemas";

export const restoreGroup = defineOperation({
  kind: "group.restore",
  permission: "group.restore",
  input: groupOperationSchema,
  locks: async (tx, ctx, input) => {
    // Restoring makes the kept members members of an active group again: a membership write, so
    // a deactivation in flight is waited for (see db/locks.ts) before we look at who is deactivated.
    await lockCompanyMembership(tx, ctx.companyId, "membership-write");
    return manageLocked(tx, ctx, input);
  },
  run: async ({ tx, ctx, now, locked: group, audit }) => {
    if (!group.archivedAt) throw new AppError("group_not_archived", { name: group.name });
    if (await nameTaken(tx, ctx, group.name)) throw new AppError("restore_name_taken", { name: group.name });
    await tx.update(learningGroups).set({ archivedAt: null, updatedAt: now }).where(eq(learningGroups.id, group.id));
    // The archive kept the member list as it was; people deactivated since leave now, as they left
    // every active group when they were deactivated.
    const left = await takeOut(
      tx,
      ctx,
      sql`group_id = ${group.id} and user_id in (
            select id from users where company_id = ${ctx.companyId} and deactivated_at is not null)`,
      { batchId: randomUUID(), now, source: "deactivation", sourceLabel: null },
    );
    await audit({
      action: "group.restored",
      targetType: "group",
      targetId: group.id,
      details: { name: group.name, deactivatedLeft: left.ended.length },
    });
    return { result: null, events: [...left.events, groupChanged(group.id, "restored")] };
  },
});
