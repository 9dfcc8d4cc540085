import { and, asc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import type { DatabaseOrTransaction } from "@/db/client";
import { isUniqueViolation } from "@/db/errors";
import { type Department, departments, users } from "@/db/schema";
import type { Ctx } from "@/lib/auth/viewer";
import { AppError, notFound } from "@/lib/errors";
import { defineOperation } from "@/lib/operations/kernel";
import {
  createDepartmentSchema,
  deleteDepartmentSchema,
  mergeDepartmentsSchema,
  renameDepartmentSchema,
  setDepartmentHeadSchema,
} from "./schemas";

/**
 * Reads departments of the caller's company and locks their rows until the transaction ends, in
 * id order so two merges never deadlock. Moving a person into a locked department waits too (its
 * foreign-key check needs the row), so the counts a merge or a delete acts on hold until commit.
 */
async function lockDepartments(tx: DatabaseOrTransaction, ctx: Ctx, ids: string[]): Promise<Map<string, Department>> {
  const rows = await tx
    .select()
    .from(departments)
    .where(and(eq(departments.companyId, ctx.companyId), inArray(departments.id, ids)))
    .orderBy(asc(departments.id))
    .for("update");
  if (rows.length !== new Set(ids).size) throw notFound();
  return new Map(rows.map((row) => [row.id, row]));
}

async function lockDepartment(tx: DatabaseOrTransaction, ctx: Ctx, id: string): Promise<Department> {
  return (await lockDepartments(tx, ctx, [id])).get(id)!;
}

/** Names are unique within a company, regardless of case. */
async function assertNameFree(tx: DatabaseOrTransaction, ctx: Ctx, name: string, exceptId?: string): Promise<void> {
  const [clash] = await tx
    .select({ id: departments.id })
    .from(departments)
    .where(
      and(
        eq(departments.companyId, ctx.companyId),
        sql`lower(${departments.name}) = lower(${name})`,
        exceptId ? ne(departments.id, exceptId) : undefined,
      ),
    );
  if (clash) throw new AppError("department_name_taken", { name });
}

/** Another transaction can take the name between the check and the write; the unique index decides. */
const nameGuard = (error: unknown, input: { name: string }) =>
  isUniqueViolation(error, "departments_company_name_uq") ? new AppError("department_name_taken", { name: input.name }) : error;

const lockOne = (tx: DatabaseOrTransaction, ctx: Ctx, input: { departmentId: string }) => lockDepartment(tx, ctx, input.departmentId);

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
