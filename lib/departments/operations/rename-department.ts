import "server-only";
import { eq } from "drizzle-orm";
import { departments } from "@/db/schema";
import { defineOperation } from "@/lib/operations/kernel";
import { lockOne } from "../lock";
import { assertNameFree, nameGuard } from "../names";
import { renameDepartmentSchema } from "../schemas";

export const renameDepartment = defineOperation({
  kind: "department.rename",
  permission: "department.rename",
  input: renameDepartmentSchema,
  locks: lockOne,
  mapError: nameGuard,
  run: async ({ tx, ctx, input, locked: department, audit }) => {
    if (department.name === input.name) return { result: null };
    await assertNameFree(tx, ctx, input.name, department.id);
    await tx.update(departments).set({ name: input.name }).where(eq(departments.id, department.id));
    await audit({
      action: "department.renamed",
      targetType: "department",
      targetId: department.id,
      details: { from: department.name, to: input.name },
    });
    return { result: null };
  },
});
