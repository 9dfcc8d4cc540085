import "server-only";
import { and, asc, count, eq, ilike, isNull, notExists, sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import { courses, groupMembers, learningGroups } from "@/db/schema";
import { escapeLike } from "@/db/sql";
import type { Ctx } from "@/lib/auth/viewer";
import { type Page, pageWindow } from "@/lib/pagination";
import { type GroupAccess, granted } from "@/lib/group-access/access";
import { unreadJoinSql } from "@/lib/chat/unread";
import { memberCountSql } from "@/lib/membership-core/member-count";

export type MyGroupCard = {
  id: string;
  name: string;
  courseTitle: string | null;
  /** My progress in the linked course, 0–100; null without a linked course. */
  myPercent: number | null;
  memberCount: number;
  /** Chat messages by others after where I stopped reading (or joined), deleted ones left out; up to `UNREAD_CAP`. */
  unread: number;
  /** The latest chat message or feed event; null when nothing happened yet. */
  lastActivityAt: Date | null;
  /** Public groups can be left by oneself. */
  visibility: "private" | "public";
  archivedAt: Date | null;
};

export type MyGroupsOverview = { active: MyGroupCard[]; archived: MyGroupCard[] };

type CardRow = Omit<MyGroupCard, "lastActivityAt" | "archivedAt"> & { lastActivityAt: string | null; archivedAt: string | null };

/**
 * "My groups": every group I belong to in my company, in one statement however many groups. The
 * feed's latest entry is the last key of the group's range in `group_feed`: one index probe a card.
 */
export async function listMyGroupsOverview(db: DatabaseOrTransaction, ctx: Ctx): Promise<MyGroupsOverview> {
  const rows = await queryRows<CardRow>(
    db,
    sql`with mine as (
        select g.id, g.name, g.course_id, g.visibility, g.archived_at, m.added_at
        from group_members m join learning_groups g on g.id = m.group_id
        where m.user_id = ${ctx.userId} and m.company_id = ${ctx.companyId} and g.company_id = ${ctx.companyId}
      )
      select mine.id, mine.name, c.title as "courseTitle", mine.visibility,
             mine.archived_at as "archivedAt",
             case when mine.course_id is null then null else coalesce(p.percent, 0) end as "myPercent",
             ${memberCountSql(sql`mine.id`)} as "memberCount",
             unread.n as unread,
             greatest(s.last_message_at, feed.at) as "lastActivityAt"
      from mine
      left join courses c on c.id = mine.course_id
      left join course_progress p on p.course_id = mine.course_id and p.user_id = ${ctx.userId}
      ${unreadJoinSql(ctx, "mine", "mine")}
      left join group_chat_state s on s.group_id = mine.id
      left join lateral (select max(f.created_at) as at from group_feed f where f.group_id = mine.id) feed on true
      order by greatest(s.last_message_at, feed.at) desc nulls last, lower(mine.name), mine.id`,
  );
  const cards = rows.map((row) => ({
    ...row,
    lastActivityAt: row.lastActivityAt ? new Date(row.lastActivityAt) : null,
    archivedAt: row.archivedAt ? new Date(row.archivedAt) : null,
  }));
  return { active: cards.filter((card) => !card.archivedAt), archived: cards.filter((card) => card.archivedAt) };
}

export const DISCOVER_PAGE_SIZE = 12;

export type DiscoverGroup = {
  id: string;
  name: string;
  description: string;
  courseTitle: string | null;
  memberCount: number;
  maxMembers: number | null;
};

/** A group as Discover and the preview show it; the query left-joins `courses`. */
const discoverColumns = {
  id: learningGroups.id,
  name: learningGroups.name,
  description: learningGroups.description,
  courseTitle: courses.title,
  memberCount: memberCountSql(sql`${learningGroups.id}`),
  maxMembers: learningGroups.maxMembers,
};

/** Discover: my company's public, active groups I am not in, searched by name, a page at a time. */
export async function listDiscoverGroups(
  db: DatabaseOrTransaction,
  ctx: Ctx,
  options: { search?: string; page?: number } = {},
): Promise<Page<DiscoverGroup>> {
  const { page, limit, offset } = pageWindow(options.page, DISCOVER_PAGE_SIZE);
  const term = options.search?.trim();
  const where = and(
    eq(learningGroups.companyId, ctx.companyId),
    eq(learningGroups.visibility, "public"),
    isNull(learningGroups.archivedAt),
    notExists(
      db
        .select({ one: sql`1` })
        .from(groupMembers)
        .where(and(eq(groupMembers.groupId, learningGroups.id), eq(groupMembers.userId, ctx.userId))),
    ),
    term ? ilike(learningGroups.name, `%${escapeLike(term)}%`) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select(discoverColumns)
      .from(learningGroups)
      .leftJoin(courses, eq(courses.id, learningGroups.courseId))
      .where(where)
      .orderBy(asc(sql`lower(${learningGroups.name})`), asc(learningGroups.id))
      .limit(limit)
      .offset(offset),
    db.select({ value: count() }).from(learningGroups).where(where),
  ]);
  return { rows, total: total?.value ?? 0, page, pageSize: DISCOVER_PAGE_SIZE };
}

/**
 * What a person of the company who cannot read a public, active group sees of it: its description
 * and Join. Null for everyone else (members and admins read the whole group; private, archived and
 * other companies' groups do not exist for them).
 */
export async function getGroupPreview(db: DatabaseOrTransaction, ctx: Ctx, access: GroupAccess): Promise<DiscoverGroup | null> {
  if (!access.canPreview) return null;
  const groupId = granted(ctx, access).groupId;
  const [row] = await db
    .select(discoverColumns)
    .from(learningGroups)
    .leftJoin(courses, eq(courses.id, learningGroups.courseId))
    .where(and(eq(learningGroups.id, groupId), eq(learningGroups.companyId, ctx.companyId)));
  return row ?? null;
}
