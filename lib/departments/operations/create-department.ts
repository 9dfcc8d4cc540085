import { departments } from "@/db/schema";
import { defineOperation } from "@/lib/operations/kernel";
import { assertNameFree, nameGuard } from "../names";
import { createDepartmentSchema } from "../schemas";

export const createDepartment = defineOperation({
  kind: "department.create",
  permission: "department.create",
  input: createDepartmentSchema,
  mapError: nameGuard,
  run: async ({ tx, ctx, input, audit }) => {
    await assertNameFree(tx, ctx, input.name);
    const [row] = await tx.insert(departments).values({ companyId: ctx.companyId, name: input.name }).returning({ id: departments.id });
    await audit({ action: "department.created", targetType: "department", targetId: row!.id, details: { name: input.name } });
    return { result: { departmentId: row!.id } };
  },
});
