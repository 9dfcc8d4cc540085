import { and, eq, isNull } from "drizzle-orm";
import type { DatabaseOrTransaction } from "@/db/client";
import { notifications } from "@/db/schema";
import type { Ctx } from "@/lib/auth/viewer";
import { notFound } from "@/lib/errors";
import { type RealtimeEvent, realtimeEvents, userChannel } from "@/lib/realtime/channels";
import { toNotificationDto } from "./queries";
import type { NewNotification } from "./types";

/**
 * Inserts notifications in one statement (inside the caller's transaction) and returns the
 * events to publish once that transaction has committed.
 */
export async function createNotifications(
  db: DatabaseOrTransaction,
  items: readonly NewNotification[],
): Promise<RealtimeEvent[]> {
  if (items.length === 0) return [];
  const rows = await db
    .insert(notifications)
    .values(items.map((item) => ({ ...item, groupId: item.groupId ?? null })))
    .returning();
  return rows.map((row) => ({
    channel: userChannel(row.userId),
    event: realtimeEvents.notificationCreated,
    data: toNotificationDto(row),
  }));
}

/** Marks one of the caller's own notifications read; anyone else's does not exist for them. */
export async function markNotificationRead(
  db: DatabaseOrTransaction,
  ctx: Ctx,
  notificationId: string,
): Promise<RealtimeEvent[]> {
  const mine = and(
    eq(notifications.id, notificationId),
    eq(notifications.userId, ctx.userId),
    eq(notifications.companyId, ctx.companyId),
  );
  const updated = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(mine, isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  if (updated.length === 0) {
    const [existing] = await db.select({ id: notifications.id }).from(notifications).where(mine).limit(1);
    if (!existing) throw notFound();
    return [];
  }
  return [{ channel: userChannel(ctx.userId), event: realtimeEvents.notificationsRead, data: { ids: [notificationId] } }];
}

export async function markAllNotificationsRead(db: DatabaseOrTransaction, ctx: Ctx): Promise<RealtimeEvent[]> {
  const updated = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(eq(notifications.userId, ctx.userId), eq(notifications.companyId, ctx.companyId), isNull(notifications.readAt)),
    )
    .returning({ id: notifications.id });
  if (updated.length === 0) return [];
  return [{ channel: userChannel(ctx.userId), event: realtimeEvents.notificationsRead, data: { all: true } }];
}
