import "server-only";
import { and, eq } from "drizzle-orm";
import { departments, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { defineOperation } from "@/lib/operations/kernel";
import { lockDepartments } from "../lock";
import { mergeDepartmentsSchema } from "../schemas";

/**
 * Merges one department into another in one transaction: all its people (deactivated ones too,
 * so nobody is left without a department) move to the target, then it is deleted. The target
 * keeps its name and its head. One audit row keeps both names and the counts. Replayed once the
 * source is gone, the caller's own merge answers as the first time did (the kernel's rule).
 */
export const mergeDepartments = defineOperation({
  kind: "department.merge",
  permission: "department.merge",
  input: mergeDepartmentsSchema,
  locks: async (tx, ctx, input) => {
    if (input.departmentId === input.targetId) throw new AppError("department_merge_same");
    const locked = await lockDepartments(tx, ctx, [input.departmentId, input.targetId]);
    return { source: locked.get(input.departmentId)!, target: locked.get(input.targetId)! };
  },
  run: async ({ tx, ctx, locked: { source, target }, audit }) => {
    const moved = await tx
      .update(users)
      .set({ departmentId: target.id })
      .where(and(eq(users.companyId, ctx.companyId), eq(users.departmentId, source.id)))
      .returning({ deactivatedAt: users.deactivatedAt });
    await tx.delete(departments).where(eq(departments.id, source.id));
    const active = moved.filter((person) => person.deactivatedAt === null).length;
    await audit({
      action: "department.merged",
      targetType: "department",
      targetId: target.id,
      details: {
        sourceId: source.id,
        sourceName: source.name,
        sourceHeadId: source.headId,
        targetName: target.name,
        moved: moved.length,
        movedActive: active,
      },
    });
    return { result: { moved: moved.length } };
  },
});
