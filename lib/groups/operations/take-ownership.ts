import "server-only";
import { eq } from "drizzle-orm";
import { learningGroups, users } from "@/db/schema";
import { notFound } from "@/lib/errors";
import { lockGroup } from "@/lib/group-access/lock";
import { createNotifications } from "@/lib/notifications/sql";
import { defineOperation } from "@/lib/operations/kernel";
import { groupChanged } from "../events";
import { groupOperationSchema } from "../schemas";

/**
 * Takes ownership of a group of the company (an admin's act, on an archived group too, whose restore
 * and delete are the owner's): audited with the previous owner, who is told in a notification.
 * Taking a group one owns changes nothing.
 */
export const takeOwnership = defineOperation({
  kind: "group.takeOwnership",
  permission: "group.takeOwnership",
  input: groupOperationSchema,
  locks: (tx, ctx, input) => lockGroup(tx, ctx, input.groupId),
  run: async ({ tx, ctx, now, locked: group, audit }) => {
    if (group.ownerId === ctx.userId) return { result: null, events: [groupChanged(group.id, "owner")] };
    await tx.update(learningGroups).set({ ownerId: ctx.userId, updatedAt: now }).where(eq(learningGroups.id, group.id));
    await audit({
      action: "group.ownership_taken",
      targetType: "group",
      targetId: group.id,
      details: { previousOwnerId: group.ownerId, visibility: group.visibility },
    });
    const [actor] = await tx.select({ name: users.name }).from(users).where(eq(users.id, ctx.userId));
    if (!actor) throw notFound();
    const told = await createNotifications(tx, [
      {
        companyId: ctx.companyId,
        userId: group.ownerId,
        groupId: group.id,
        type: "group.ownershipTaken",
        payload: { groupName: group.name, actorName: actor.name },
      },
    ]);
    return { result: null, events: [groupChanged(group.id, "owner"), ...told] };
  },
});
