import { and, count, desc, eq, ilike } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DatabaseOrTransaction } from "@/db/client";
import { departments, groupMembers, type MembershipSource, membershipEvents, users } from "@/db/schema";
import { escapeLike } from "@/db/sql";
import type { Ctx } from "@/lib/auth/viewer";
import { notFound } from "@/lib/errors";
import { getGroupAccess } from "@/lib/groups/access";
import { type Page, pageWindow } from "@/lib/pagination";
import { assertCan } from "@/lib/permissions";

export const MEMBERS_PAGE_SIZE = 50;

export type MemberRow = {
  userId: string;
  name: string;
  departmentName: string | null;
  addedByName: string | null;
  addedAt: Date;
  source: MembershipSource;
  sourceLabel: string | null;
};

const addedBy = alias(users, "added_by");

/**
 * The Members tab: readable by the group's members and the company's admins. A page is taken in
 * name order from `group_members_company_group_sort_idx` (its keys only), and just those rows are
 * joined to people, so page 200 of a 10,000-member group reads 50 people, not 10,000.
 */
export async function listMembers(
  db: DatabaseOrTransaction,
  ctx: Ctx,
  groupId: string,
  options: { search?: string; page?: number } = {},
): Promise<Page<MemberRow>> {
  const access = await getGroupAccess(db, ctx, groupId);
  if (!access?.canRead) throw notFound();
  const { page, limit, offset } = pageWindow(options.page, MEMBERS_PAGE_SIZE);
  const term = options.search?.trim();
  const where = and(
    eq(groupMembers.companyId, ctx.companyId),
    eq(groupMembers.groupId, groupId),
    term ? ilike(groupMembers.sortName, `%${escapeLike(term)}%`) : undefined,
  );
  const onPage = db
    .select({ userId: groupMembers.userId, sortName: groupMembers.sortName })
    .from(groupMembers)
    .where(where)
    .orderBy(groupMembers.sortName, groupMembers.userId)
    .limit(limit)
    .offset(offset)
    .as("on_page");
  const [rows, [total]] = await Promise.all([
    db
      .select({
        userId: users.id,
        name: users.name,
        departmentName: departments.name,
        addedByName: addedBy.name,
        addedAt: groupMembers.addedAt,
        source: groupMembers.source,
        sourceLabel: groupMembers.sourceLabel,
      })
      .from(onPage)
      .innerJoin(groupMembers, and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, onPage.userId)))
      .innerJoin(users, eq(users.id, onPage.userId))
      .leftJoin(departments, eq(departments.id, users.departmentId))
      .leftJoin(addedBy, eq(addedBy.id, groupMembers.addedBy))
      .orderBy(onPage.sortName, onPage.userId),
    // Every member row names a person of the group's company (the user key), so no join is needed.
    db.select({ value: count() }).from(groupMembers).where(where),
  ]);
  return { rows, total: total?.value ?? 0, page, pageSize: MEMBERS_PAGE_SIZE };
}

export type HistoryRow = {
  id: number;
  kind: "added" | "removed";
  at: Date;
  personName: string;
  actorName: string | null;
  source: MembershipSource;
  sourceLabel: string | null;
};

const person = alias(users, "person");
const actor = alias(users, "actor");

/** The History tab (admins): the membership ledger, newest first. */
export async function listHistory(
  db: DatabaseOrTransaction,
  ctx: Ctx,
  groupId: string,
  options: { page?: number } = {},
): Promise<Page<HistoryRow>> {
  assertCan(ctx, "group.viewHistory");
  const access = await getGroupAccess(db, ctx, groupId);
  if (!access) throw notFound();
  const { page, limit, offset } = pageWindow(options.page, MEMBERS_PAGE_SIZE);
  const where = and(eq(membershipEvents.companyId, ctx.companyId), eq(membershipEvents.groupId, groupId));
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: membershipEvents.id,
        kind: membershipEvents.kind,
        at: membershipEvents.at,
        personName: person.name,
        actorName: actor.name,
        source: membershipEvents.source,
        sourceLabel: membershipEvents.sourceLabel,
      })
      .from(membershipEvents)
      .innerJoin(person, eq(person.id, membershipEvents.userId))
      .leftJoin(actor, eq(actor.id, membershipEvents.actorId))
      .where(where)
      .orderBy(desc(membershipEvents.at), desc(membershipEvents.id))
      .limit(limit)
      .offset(offset),
    db.select({ value: count() }).from(membershipEvents).where(where),
  ]);
  return { rows, total: total?.value ?? 0, page, pageSize: MEMBERS_PAGE_SIZE };
}
