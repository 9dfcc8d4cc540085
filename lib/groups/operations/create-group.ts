import { learningGroups } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { defineOperation } from "@/lib/operations/kernel";
import { assertCourseInCompany, fieldsOf, nameGuard, nameTaken } from "../rules";
import { createGroupSchema } from "../schemas";

export const createGroup = defineOperation({
  kind: "group.create",
  permission: "group.create",
  input: createGroupSchema,
  mapError: nameGuard,
  run: async ({ tx, ctx, input, audit }) => {
    await assertCourseInCompany(tx, ctx, input.courseId);
    if (await nameTaken(tx, ctx, input.name)) throw new AppError("name_taken", { name: input.name });
    const [group] = await tx
      .insert(learningGroups)
      .values({ ...fieldsOf(input), companyId: ctx.companyId, createdBy: ctx.userId, ownerId: ctx.userId })
      .returning({ id: learningGroups.id });
    await audit({ action: "group.created", targetType: "group", targetId: group!.id, details: fieldsOf(input) });
    return { result: { groupId: group!.id } };
  },
});
