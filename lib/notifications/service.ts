import { and, eq, isNull } from "drizzle-orm";
import type { DatabaseOrTransaction } from "@/db/client";
import { notifications } from "@/db/schema";
import type { Ctx } from "@/lib/auth/viewer";
import { notFound } from "@/lib/errors";
import { type RealtimeEvent, realtimeEvents, userChannel } from "@/lib/realtime/channels";
import { toNotificationDto } from "./queries";
import type { NewNotification, NotificationDto } from "./types";

/** One live event carrying the same notification to every recipient's own channel. */
export function notificationFanOut(userIds: readonly string[], notification: NotificationDto): RealtimeEvent {
  return { channels: userIds.map(userChannel), event: realtimeEvents.notificationCreated, data: notification };
}

/**
 * Inserts notifications in one statement (inside the caller's transaction) and returns the
 * events to publish once that transaction has committed: one per distinct notification, fanned
 * out to everyone who got it.
 */
export async function createNotifications(
  db: DatabaseOrTransaction,
  items: readonly NewNotification[],
): Promise<RealtimeEvent[]> {
  if (items.length === 0) return [];
  const rows = await db
    .insert(notifications)
    .values(items.map((item) => ({ ...item, groupId: item.groupId ?? null })))
    .onConflictDoNothing({ target: [notifications.userId, notifications.key] })
    .returning();
  const byContent = new Map<string, { dto: NotificationDto; userIds: string[] }>();
  for (const row of rows) {
    const dto = toNotificationDto(row);
    const content = JSON.stringify(dto);
    const entry = byContent.get(content) ?? { dto, userIds: [] };
    entry.userIds.push(row.userId);
    byContent.set(content, entry);
  }
  return [...byContent.values()].map(({ dto, userIds }) => notificationFanOut(userIds, dto));
}

const mine = (ctx: Ctx) => and(eq(notifications.userId, ctx.userId), eq(notifications.companyId, ctx.companyId));

/** Marks one of the caller's own notifications read; anyone else's does not exist for them. */
export async function markNotificationRead(db: DatabaseOrTransaction, ctx: Ctx, key: string): Promise<RealtimeEvent[]> {
  const target = and(mine(ctx), eq(notifications.key, key));
  const updated = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(target, isNull(notifications.readAt)))
    .returning({ key: notifications.key });
  if (updated.length === 0) {
    const [existing] = await db.select({ key: notifications.key }).from(notifications).where(target).limit(1);
    if (!existing) throw notFound();
    return [];
  }
  return [{ channels: [userChannel(ctx.userId)], event: realtimeEvents.notificationsRead, data: { keys: [key] } }];
}

export async function markAllNotificationsRead(db: DatabaseOrTransaction, ctx: Ctx): Promise<RealtimeEvent[]> {
  const updated = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(mine(ctx), isNull(notifications.readAt)))
    .returning({ key: notifications.key });
  if (updated.length === 0) return [];
  return [{ channels: [userChannel(ctx.userId)], event: realtimeEvents.notificationsRead, data: { all: true } }];
}
