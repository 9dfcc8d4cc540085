import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { departments, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { defineOperation } from "@/lib/operations/kernel";
import { lockOne } from "../lock";
import { deleteDepartmentSchema } from "../schemas";

/** Only an empty department is deleted; otherwise the refusal says how many people it still has. */
export const deleteDepartment = defineOperation({
  kind: "department.delete",
  permission: "department.delete",
  input: deleteDepartmentSchema,
  locks: lockOne,
  run: async ({ tx, ctx, locked: department, audit }) => {
    const [counts] = await tx
      .select({
        people: sql<number>`count(*)::int`,
        deactivated: sql<number>`(count(*) filter (where ${users.deactivatedAt} is not null))::int`,
      })
      .from(users)
      .where(and(eq(users.companyId, ctx.companyId), eq(users.departmentId, department.id)));
    if (counts && counts.people > 0) throw new AppError("department_not_empty", { name: department.name, ...counts });
    await tx.delete(departments).where(eq(departments.id, department.id));
    await audit({
      action: "department.deleted",
      targetType: "department",
      targetId: null,
      details: { departmentId: department.id, name: department.name },
    });
    return { result: null };
  },
});
