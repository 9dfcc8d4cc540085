import "server-only";
import { and, asc, count, desc, eq, ilike, isNotNull, isNull, ne, sql } from "drizzle-orm";
import type { DatabaseOrTransaction } from "@/db/client";
import { courses, learningGroups, users } from "@/db/schema";
import { escapeLike } from "@/db/sql";
import type { Ctx } from "@/lib/auth/viewer";
import { type OptionPage, optionPage, OPTIONS_LIMIT, type Page, pageWindow } from "@/lib/pagination";
import { assertCan } from "@/lib/permissions";
import { type GroupAccess, getGroupAccess } from "@/lib/group-access/access";
import { memberCountSql } from "@/lib/membership-core/member-count";

export const GROUPS_PAGE_SIZE = 20;

export type GroupListRow = {
  id: string;
  name: string;
  courseTitle: string | null;
  memberCount: number;
  maxMembers: number | null;
  visibility: "private" | "public";
  ownerName: string;
  createdAt: Date;
};

/**
 * The admins' "Learning groups" list: one tab at a time, searched by name, a page at a time. Member
 * counts are taken for the page's rows only, after the limit, so a late page costs what the first does.
 */
export async function listGroups(
  db: DatabaseOrTransaction,
  ctx: Ctx,
  options: { archived: boolean; search?: string; page?: number },
): Promise<Page<GroupListRow>> {
  assertCan(ctx, "group.list");
  const { page, limit, offset } = pageWindow(options.page, GROUPS_PAGE_SIZE);
  const term = options.search?.trim();
  const where = and(
    eq(learningGroups.companyId, ctx.companyId),
    options.archived ? isNotNull(learningGroups.archivedAt) : isNull(learningGroups.archivedAt),
    term ? ilike(learningGroups.name, `%${escapeLike(term)}%`) : undefined,
  );
  const onPage = db
    .select({
      id: learningGroups.id,
      name: learningGroups.name,
      courseTitle: courses.title,
      maxMembers: learningGroups.maxMembers,
      visibility: learningGroups.visibility,
      ownerName: sql<string>`${users.name}`.as("owner_name"),
      createdAt: learningGroups.createdAt,
    })
    .from(learningGroups)
    .innerJoin(users, eq(users.id, learningGroups.ownerId))
    .leftJoin(courses, eq(courses.id, learningGroups.courseId))
    .where(where)
    .orderBy(desc(learningGroups.createdAt), desc(learningGroups.id))
    .limit(limit)
    .offset(offset)
    .as("on_page");
  const [rows, [totalRow]] = await Promise.all([
    db
      .select({
        id: onPage.id,
        name: onPage.name,
        courseTitle: onPage.courseTitle,
        memberCount: memberCountSql(sql`${onPage.id}`),
        maxMembers: onPage.maxMembers,
        visibility: onPage.visibility,
        ownerName: onPage.ownerName,
        createdAt: onPage.createdAt,
      })
      .from(onPage)
      .orderBy(desc(onPage.createdAt), desc(onPage.id)),
    db.select({ value: count() }).from(learningGroups).where(where),
  ]);
  return { rows, total: totalRow?.value ?? 0, page, pageSize: GROUPS_PAGE_SIZE };
}

export type GroupView = {
  id: string;
  name: string;
  description: string;
  courseId: string | null;
  courseTitle: string | null;
  maxMembers: number | null;
  visibility: "private" | "public";
  ownerId: string;
  ownerName: string;
  archivedAt: Date | null;
  createdAt: Date;
  memberCount: number;
  access: GroupAccess;
};

/**
 * The caller's access to a group and, when they may read it, the group page's header; null when the
 * group does not exist for them (a 404, never a hint). Both statements go out together, one round
 * trip: the header's read is the company's (row-level security and its own condition) and is
 * answered only with an access that reads.
 */
export async function getGroupPage(
  db: DatabaseOrTransaction,
  ctx: Ctx,
  groupId: string,
): Promise<{ access: GroupAccess; group: GroupView | null } | null> {
  const [access, [row]] = await Promise.all([
    getGroupAccess(db, ctx, groupId),
    db
      .select({
        id: learningGroups.id,
        name: learningGroups.name,
        description: learningGroups.description,
        courseId: learningGroups.courseId,
        courseTitle: courses.title,
        maxMembers: learningGroups.maxMembers,
        visibility: learningGroups.visibility,
        ownerId: learningGroups.ownerId,
        ownerName: users.name,
        archivedAt: learningGroups.archivedAt,
        createdAt: learningGroups.createdAt,
        memberCount: memberCountSql(sql`${learningGroups.id}`),
      })
      .from(learningGroups)
      .innerJoin(users, eq(users.id, learningGroups.ownerId))
      .leftJoin(courses, eq(courses.id, learningGroups.courseId))
      .where(and(eq(learningGroups.id, groupId), eq(learningGroups.companyId, ctx.companyId))),
  ]);
  if (!access) return null;
  return { access, group: access.canRead && row ? { ...row, access } : null };
}

export type GroupOption = { id: string; name: string; memberCount: number; archived: boolean };

type GroupOptionScope = { includeArchived: boolean; exceptGroupId?: string };

const groupOptionColumns = {
  id: learningGroups.id,
  name: learningGroups.name,
  memberCount: memberCountSql(sql`${learningGroups.id}`),
  archived: sql<boolean>`${learningGroups.archivedAt} is not null`,
};

const inScope = (ctx: Ctx, scope: GroupOptionScope) =>
  and(
    eq(learningGroups.companyId, ctx.companyId),
    scope.exceptGroupId ? ne(learningGroups.id, scope.exceptGroupId) : undefined,
    scope.includeArchived ? undefined : isNull(learningGroups.archivedAt),
  );

/**
 * The company's groups whose name contains `term`, active ones first, by name, at most
 * OPTIONS_LIMIT: "Copy from group" (archived too), "Move to group" and the assignment wizard
 * (active only). However many groups a company has, an answer is one page.
 */
export async function searchGroupOptions(
  db: DatabaseOrTransaction,
  ctx: Ctx,
  scope: GroupOptionScope & { term: string },
): Promise<OptionPage<GroupOption>> {
  assertCan(ctx, "group.list");
  const term = scope.term.trim();
  const rows = await db
    .select(groupOptionColumns)
    .from(learningGroups)
    .where(and(inScope(ctx, scope), term ? ilike(learningGroups.name, `%${escapeLike(term)}%`) : undefined))
    .orderBy(sql`${learningGroups.archivedAt} is not null`, asc(learningGroups.name), asc(learningGroups.id))
    .limit(OPTIONS_LIMIT + 1);
  return optionPage(rows);
}

/** One group as a picker shows it, when it is in the scope (a wizard opened from a group's page). */
export async function findGroupOption(
  db: DatabaseOrTransaction,
  ctx: Ctx,
  groupId: string,
  scope: GroupOptionScope,
): Promise<GroupOption | null> {
  assertCan(ctx, "group.list");
  const [row] = await db
    .select(groupOptionColumns)
    .from(learningGroups)
    .where(and(inScope(ctx, scope), eq(learningGroups.id, groupId)));
  return row ?? null;
}
