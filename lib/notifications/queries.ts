import "server-only";
import { and, eq, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { currentTime } from "@/base/clock";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import { type NotificationRow, notifications } from "@/db/schema";
import type { Ctx } from "@/lib/auth/viewer";
import { isoInstantField } from "@/lib/dates";
import { storableString } from "@/lib/text";
import { announcementRowsSql, myAnnouncements } from "./announcements";
import { retentionCutoff } from "./retention";
import type { NotificationDto, NotificationType } from "./types";

export const NOTIFICATION_PAGE_SIZE = 20;

/** The caller's own notifications: anyone else's do not exist for them. */
export const mine = (ctx: Ctx) => and(eq(notifications.userId, ctx.userId), eq(notifications.companyId, ctx.companyId));

export function toNotificationDto(row: NotificationRow): NotificationDto {
  return {
    key: row.key,
    type: row.type as NotificationType,
    payload: row.payload,
    groupId: row.groupId,
    readAt: row.readAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** A listed row as the database answers it (either driver: instants may arrive as text). */
type ListedRow = {
  key: string;
  type: string;
  payload: NotificationDto["payload"];
  group_id: string | null;
  read_at: Date | string | null;
  created_at: Date | string;
};

const listedDto = (row: ListedRow): NotificationDto => ({
  key: row.key,
  type: row.type as NotificationType,
  payload: row.payload,
  groupId: row.group_id,
  readAt: row.read_at === null ? null : new Date(row.read_at).toISOString(),
  createdAt: new Date(row.created_at).toISOString(),
});

/** Newest first; the cursor is the last item's (createdAt, key), stable while new ones arrive. */
export const notificationCursorSchema = z.object({ createdAt: isoInstantField(), key: storableString().min(1).max(100) });
export type NotificationCursor = z.infer<typeof notificationCursorSchema>;

export type NotificationPage = { items: NotificationDto[]; nextCursor: NotificationCursor | null };

export async function listNotifications(
  db: DatabaseOrTransaction,
  ctx: Ctx,
  cursor: NotificationCursor | null = null,
  limit = NOTIFICATION_PAGE_SIZE,
): Promise<NotificationPage> {
  // The rows and the derived "added you" notices (./announcements.ts), merged in one order; each side
  // reads at most a page past the cursor, the rows from their (company, user, created_at, key) index.
  const before = (createdAt: SQL, key: SQL) =>
    cursor ? sql`(${createdAt}, ${key}) < (${new Date(cursor.createdAt)}::timestamptz, ${cursor.key}::text)` : sql`true`;
  const rows = await queryRows<ListedRow>(
    db,
    sql`(select key, type, payload, group_id, read_at, created_at from notifications n
         where n.company_id = ${ctx.companyId} and n.user_id = ${ctx.userId} and ${before(sql`n.created_at`, sql`n.key`)}
         order by n.created_at desc, n.key desc limit ${limit + 1})
        union all
        (${announcementRowsSql(ctx, retentionCutoff(currentTime()), before)} order by created_at desc, key desc limit ${limit + 1})
        order by created_at desc, key desc limit ${limit + 1}`,
  );
  const items = rows.slice(0, limit).map(listedDto);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > limit && last ? { createdAt: last.createdAt, key: last.key } : null,
  };
}

/** My unread notifications and unread "added you" notices. */
export async function countUnreadNotifications(db: DatabaseOrTransaction, ctx: Ctx): Promise<number> {
  const [row] = await queryRows<{ unread: number }>(
    db,
    sql`select (select count(*) from notifications n
                where n.company_id = ${ctx.companyId} and n.user_id = ${ctx.userId} and n.read_at is null)::int
             + (select count(*) from group_members m where ${myAnnouncements(ctx)} and m.announcement_read_at is null)::int as unread`,
  );
  return row?.unread ?? 0;
}
