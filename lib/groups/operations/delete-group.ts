import "server-only";
import { eq, sql } from "drizzle-orm";
import { groupMembers, learningGroups, membershipEvents, notifications } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { defineOperation } from "@/lib/operations/kernel";
import { groupChanged } from "../events";
import { manageLocked } from "../rules";
import { deleteGroupSchema } from "../schemas";

/**
 * Deletes the group and what belongs to it (members, ledger, its notifications, by cascade).
 * Learners' progress, badges and certificates are theirs and stay. One audit row keeps the name
 * and the counts. The caller types the group's name to confirm. Replayed once the group is gone, the
 * caller's own delete answers as the first time did (the kernel's rule for a resource its operation removed).
 */
export const deleteGroup = defineOperation({
  kind: "group.delete",
  permission: "group.delete",
  input: deleteGroupSchema,
  locks: manageLocked,
  run: async ({ tx, input, locked: group, audit }) => {
    if (input.confirmName.trim() !== group.name) throw new AppError("delete_name_mismatch", { name: group.name });
    const [counts] = await tx
      .select({
        members: sql<number>`(select count(*)::int from ${groupMembers} where ${groupMembers.groupId} = ${group.id})`,
        ledger: sql<number>`(select count(*)::int from ${membershipEvents} where ${membershipEvents.groupId} = ${group.id})`,
        notifications: sql<number>`(select count(*)::int from ${notifications} where ${notifications.groupId} = ${group.id})`,
      })
      .from(sql`(select 1) as one`);
    await tx.delete(learningGroups).where(eq(learningGroups.id, group.id));
    await audit({
      action: "group.deleted",
      targetType: "group",
      targetId: null,
      details: { groupId: group.id, name: group.name, ...counts },
    });
    return { result: null, events: [groupChanged(group.id, "deleted")] };
  },
});
