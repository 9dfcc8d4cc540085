import "server-only";
import { and, count, desc, eq, isNull, lt, or } from "drizzle-orm";
import { z } from "zod";
import type { DatabaseOrTransaction } from "@/db/client";
import { type NotificationRow, notifications } from "@/db/schema";
import type { Ctx } from "@/lib/auth/viewer";
import { isoInstantField } from "@/lib/dates";
import { storableString } from "@/lib/text";
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
  const mine = and(eq(notifications.userId, ctx.userId), eq(notifications.companyId, ctx.companyId));
  const after = cursor
    ? or(
        lt(notifications.createdAt, new Date(cursor.createdAt)),
        and(eq(notifications.createdAt, new Date(cursor.createdAt)), lt(notifications.key, cursor.key)),
      )
    : undefined;
  const rows = await db
    .select()
    .from(notifications)
    .where(and(mine, after))
    .orderBy(desc(notifications.createdAt), desc(notifications.key))
    .limit(limit + 1);
  const items = rows.slice(0, limit).map(toNotificationDto);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > limit && last ? { createdAt: last.createdAt, key: last.key } : null,
  };
}

export async function countUnreadNotifications(db: DatabaseOrTransaction, ctx: Ctx): Promise<number> {
  const [row] = await db
    .select({ value: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, ctx.userId), eq(notifications.companyId, ctx.companyId), isNull(notifications.readAt)));
  return row?.value ?? 0;
}
