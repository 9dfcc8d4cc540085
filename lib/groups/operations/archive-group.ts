import "server-only";
import { eq } from "drizzle-orm";
import { learningGroups } from "@/db/schema";
import { assertActive } from "@/lib/group-access/lock";
import { defineOperation } from "@/lib/operations/kernel";
import { groupChanged } from "../events";
import { manageLocked } from "../rules";
import { groupOperationSchema } from "../schemas";

export const archiveGroup = defineOperation({
  kind: "group.archive",
  permission: "group.archive",
  input: groupOperationSchema,
  locks: manageLocked,
  run: async ({ tx, now, locked: group, audit }) => {
    assertActive(group);
    await tx.update(learningGroups).set({ archivedAt: now, updatedAt: now }).where(eq(learningGroups.id, group.id));
    await audit({ action: "group.archived", targetType: "group", targetId: group.id, details: { name: group.name } });
    return { result: null, events: [groupChanged(group.id, "archived")] };
  },
});
