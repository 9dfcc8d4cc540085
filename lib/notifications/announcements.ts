import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import type { Ctx } from "@/lib/auth/viewer";

/*
 * "… added you to the group": not a notification row but the membership itself, marked `announced`
 * when an admin's or HR's add told the person (docs/architecture.md, "Notifications"). The bell lists
 * it among the rows under a key of its own, read and marked read on the membership: a 100,000-person
 * add writes 100,000 memberships and no notifications. Removed, the member loses the notice with the
 * membership, as they lose the group.
 */

const PREFIX = "added:";

/** The notice's key in the bell: one per person and group, since a person is a member once. */
export const announcementKey = (groupId: string) => `${PREFIX}${groupId}`;

/** The group a notice key names, or null for a notification row's key. */
export function announcedGroup(key: string): string | null {
  if (!key.startsWith(PREFIX)) return null;
  const groupId = key.slice(PREFIX.length);
  return z.uuid().safeParse(groupId).success ? groupId : null;
}

/** My announced memberships, with `m` the membership. */
export const myAnnouncements = (ctx: Ctx): SQL => sql`m.user_id = ${ctx.userId} and m.company_id = ${ctx.companyId} and m.announced`;

/**
 * The notices as rows shaped like `notifications`' (key, type, payload, group_id, read_at,
 * created_at), for a UNION with them: unread ones, and read ones until the notifications' retention
 * would have removed them (`readSince`); `before` keeps those after a cursor. The sentence names the
 * group and the adder as they are now.
 */
export function announcementRowsSql(ctx: Ctx, readSince: Date, before: (createdAt: SQL, key: SQL) => SQL): SQL {
  const key = sql`${PREFIX}::text || m.group_id::text`;
  return sql`select ${key} as key, 'group.added'::text as type,
      jsonb_build_object('groupName', g.name, 'actorName', coalesce(a.name, '')) as payload,
      m.group_id, m.announcement_read_at as read_at, m.added_at as created_at
    from group_members m join learning_groups g on g.id = m.group_id left join users a on a.id = m.added_by
    where ${myAnnouncements(ctx)} and (m.announcement_read_at is null or m.announcement_read_at >= ${readSince})
      and ${before(sql`m.added_at`, key)}`;
}

/** Marks my notice of joining the group read, in one statement: whether it was unread, read already or is not mine. */
export async function markAnnouncementRead(
  db: DatabaseOrTransaction,
  ctx: Ctx,
  groupId: string,
  now: Date,
): Promise<"marked" | "already read" | "missing"> {
  const [row] = await queryRows<{ found: boolean; marked: boolean }>(
    db,
    sql`with found as (select 1 from group_members m where ${myAnnouncements(ctx)} and m.group_id = ${groupId}),
         marked as (
           update group_members m set announcement_read_at = ${now}
           where ${myAnnouncements(ctx)} and m.group_id = ${groupId} and m.announcement_read_at is null
           returning 1)
        select exists (select from found) as found, exists (select from marked) as marked`,
  );
  return row!.marked ? "marked" : row!.found ? "already read" : "missing";
}
