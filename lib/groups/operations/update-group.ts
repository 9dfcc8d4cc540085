import "server-only";
import { eq } from "drizzle-orm";
import { learningGroups } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { assertActive } from "@/lib/group-access/lock";
import { memberCount } from "@/lib/membership-core/member-count";
import { defineOperation } from "@/lib/operations/kernel";
import { groupChanged } from "../events";
import { assertCourseInCompany, fieldsOf, manageLocked, nameGuard, nameTaken } from "../rules";
import { updateGroupSchema } from "../schemas";

export const updateGroup = defineOperation({
  kind: "group.update",
  permission: "group.edit",
  input: updateGroupSchema,
  locks: manageLocked,
  mapError: nameGuard,
  run: async ({ tx, ctx, input, now, locked: group, audit }) => {
    assertActive(group);
    await assertCourseInCompany(tx, ctx, input.courseId);
    if (input.name.toLowerCase() !== group.name.toLowerCase() && (await nameTaken(tx, ctx, input.name, group.id))) {
      throw new AppError("name_taken", { name: input.name });
    }
    if (input.maxMembers !== null) {
      const members = await memberCount(tx, group.id);
      if (input.maxMembers < members) throw new AppError("max_below_members", { max: input.maxMembers, members });
    }
    const fields = fieldsOf(input);
    await tx
      .update(learningGroups)
      .set({ ...fields, updatedAt: now })
      .where(eq(learningGroups.id, group.id));
    const before = fieldsOf(group);
    const changes = Object.fromEntries(Object.entries(fields).filter(([key, value]) => before[key as keyof typeof before] !== value));
    await audit({ action: "group.updated", targetType: "group", targetId: group.id, details: { changes } });
    return { result: null, events: [groupChanged(group.id, "updated")] };
  },
});
