import "server-only";
import { and, asc, count, eq, ilike, isNull, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DatabaseOrTransaction } from "@/db/client";
import { departments, users } from "@/db/schema";
import { escapeLike } from "@/db/sql";
import type { Ctx } from "@/lib/auth/viewer";
import { notFound } from "@/lib/errors";
import { type OptionPage, optionPage, OPTIONS_LIMIT } from "@/lib/pagination";
import { assertCan } from "@/lib/permissions";
import { HEAD_CANDIDATES_LIMIT } from "./schemas";

export const DEPARTMENTS_PAGE_SIZE = 25;

export type DepartmentRow = {
  id: string;
  name: string;
  /** Active people; deactivated ones still belong to it but are not counted. */
  peopleCount: number;
  head: { id: string; name: string; deactivated: boolean } | null;
};

const head = alias(users, "head");

/** The admins' "Departments" list, by name, a page at a time. */
export async function listDepartmentsPage(
  db: DatabaseOrTransaction,
  ctx: Ctx,
  options: { page?: number } = {},
): Promise<{ rows: DepartmentRow[]; total: number; page: number; pageSize: number }> {
  assertCan(ctx, "department.list");
  const page = Math.max(1, options.page ?? 1);
  const where = eq(departments.companyId, ctx.companyId);
  const [rows, [totalRow]] = await Promise.all([
    db
      .select({
        id: departments.id,
        name: departments.name,
        peopleCount: departments.activePeople,
        headId: head.id,
        headName: head.name,
        headDeactivatedAt: head.deactivatedAt,
      })
      .from(departments)
      // The head is read within the company too, whatever the foreign key allows.
      .leftJoin(head, and(eq(head.id, departments.headId), eq(head.companyId, ctx.companyId)))
      .where(where)
      .orderBy(asc(sql`lower(${departments.name})`), asc(departments.id))
      .limit(DEPARTMENTS_PAGE_SIZE)
      .offset((page - 1) * DEPARTMENTS_PAGE_SIZE),
    db.select({ value: count() }).from(departments).where(where),
  ]);
  return {
    rows: rows.map(({ headId, headName, headDeactivatedAt, ...row }) => ({
      ...row,
      head: headId && headName ? { id: headId, name: headName, deactivated: headDeactivatedAt !== null } : null,
    })),
    total: totalRow?.value ?? 0,
    page,
    pageSize: DEPARTMENTS_PAGE_SIZE,
  };
}

/** The company's other departments whose name contains `term`, by name, a page: what a merge can choose as its target. */
export async function searchMergeTargets(
  db: DatabaseOrTransaction,
  ctx: Ctx,
  options: { exceptId: string; term: string },
): Promise<OptionPage<DepartmentOption>> {
  assertCan(ctx, "department.merge");
  return departmentPage(db, ctx, options.term, options.exceptId);
}

export type HeadCandidate = { id: string; name: string; email: string };

/**
 * Who the "Head" dialog offers: the department's active people by name (the service accepts any
 * active person of the company, for the HR forms). Another company's department is not found.
 */
export async function listHeadCandidates(db: DatabaseOrTransaction, ctx: Ctx, departmentId: string): Promise<HeadCandidate[]> {
  assertCan(ctx, "department.setHead");
  const [department] = await db
    .select({ id: departments.id })
    .from(departments)
    .where(and(eq(departments.id, departmentId), eq(departments.companyId, ctx.companyId)));
  if (!department) throw notFound();
  return db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(and(eq(users.companyId, ctx.companyId), eq(users.departmentId, departmentId), isNull(users.deactivatedAt)))
    .orderBy(asc(sql`lower(${users.name})`), asc(users.id))
    .limit(HEAD_CANDIDATES_LIMIT);
}

/** The company's departments as pickers and filters offer them (people, add members, assignments, HR forms). */
export type DepartmentOption = { id: string; name: string; activePeople: number };

const departmentOptionColumns = { id: departments.id, name: departments.name, activePeople: departments.activePeople };

/** Departments whose name contains `term`, by name, at most a picker's page; `exceptId` left out. */
async function departmentPage(db: DatabaseOrTransaction, ctx: Ctx, term: string, exceptId?: string): Promise<OptionPage<DepartmentOption>> {
  const needle = term.trim();
  const rows = await db
    .select(departmentOptionColumns)
    .from(departments)
    .where(
      and(
        eq(departments.companyId, ctx.companyId),
        exceptId ? ne(departments.id, exceptId) : undefined,
        needle ? ilike(departments.name, `%${escapeLike(needle)}%`) : undefined,
      ),
    )
    .orderBy(asc(sql`lower(${departments.name})`), asc(departments.id))
    .limit(OPTIONS_LIMIT + 1);
  return optionPage(rows);
}

/** The company's departments whose name contains `term`, with their active people (kept, never counted here). */
export async function searchDepartmentOptions(db: DatabaseOrTransaction, ctx: Ctx, term: string): Promise<OptionPage<DepartmentOption>> {
  assertCan(ctx, "department.options");
  return departmentPage(db, ctx, term);
}

/** One department as a picker shows its current choice (a filter's, a person's), when it is the company's. */
export async function findDepartmentOption(db: DatabaseOrTransaction, ctx: Ctx, departmentId: string): Promise<DepartmentOption | null> {
  assertCan(ctx, "department.options");
  const [row] = await db
    .select(departmentOptionColumns)
    .from(departments)
    .where(and(eq(departments.companyId, ctx.companyId), eq(departments.id, departmentId)));
  return row ?? null;
}
