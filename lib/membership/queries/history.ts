import "server-only";
import { and, count, desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DatabaseOrTransaction } from "@/db/client";
import { type MembershipSource, membershipEvents, users } from "@/db/schema";
import type { Ctx } from "@/lib/auth/viewer";
import { type GroupAccess, granted } from "@/lib/group-access/access";
import { type Page, pageWindow } from "@/lib/pagination";
import { assertCan } from "@/lib/permissions";
import { MEMBERS_PAGE_SIZE } from "./members";

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
  access: GroupAccess,
  options: { page?: number } = {},
): Promise<Page<HistoryRow>> {
  assertCan(ctx, "group.viewHistory");
  const groupId = granted(ctx, access).groupId;
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
