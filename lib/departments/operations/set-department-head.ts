import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { departments, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { defineOperation } from "@/lib/operations/kernel";
import { lockOne } from "../lock";
import { setDepartmentHeadSchema } from "../schemas";

/** The head is an active person of the company; null clears it. */
export const setDepartmentHead = defineOperation({
  kind: "department.setHead",
  permission: "department.setHead",
  input: setDepartmentHeadSchema,
  locks: lockOne,
  run: async ({ tx, ctx, input, locked: department, audit }) => {
    if (input.headId) {
      const [person] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.id, input.headId), eq(users.companyId, ctx.companyId), isNull(users.deactivatedAt)));
      if (!person) throw new AppError("head_not_found");
    }
    if (department.headId === input.headId) return { result: null };
    await tx.update(departments).set({ headId: input.headId }).where(eq(departments.id, department.id));
    await audit({
      action: "department.head_set",
      targetType: "department",
      targetId: department.id,
      details: { name: department.name, headId: input.headId, previousHeadId: department.headId },
    });
    return { result: null };
  },
});
