import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { DatabaseOrTransaction } from "@/db/client";
import { type Department, departments } from "@/db/schema";
import type { Ctx } from "@/lib/auth/viewer";
import { notFound } from "@/lib/errors";

/**
 * Reads departments of the caller's company and locks their rows until the transaction ends, in
 * id order so two merges never deadlock. Moving a person into a locked department waits too (its
 * foreign-key check needs the row), so the counts a merge or a delete acts on hold until commit.
 */
export async function lockDepartments(tx: DatabaseOrTransaction, ctx: Ctx, ids: string[]): Promise<Map<string, Department>> {
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

/** The one department an operation acts on, locked (see lockDepartments). */
export const lockOne = (tx: DatabaseOrTransaction, ctx: Ctx, input: { departmentId: string }) =>
  lockDepartment(tx, ctx, input.departmentId);
