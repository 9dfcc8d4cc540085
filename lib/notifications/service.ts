import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { DatabaseOrTransaction } from "@/db/client";
import { notifications } from "@/db/schema";
import type { Ctx } from "@/lib/auth/viewer";
import { notFound } from "@/lib/errors";
import { type Committed, defineOperation } from "@/lib/operations/kernel";
import { type RealtimeEvent, realtimeEvents, userChannel } from "@/lib/realtime/channels";
import { storableString } from "@/lib/text";
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
export async function createNotifications(db: DatabaseOrTransaction, items: readonly NewNotification[]): Promise<RealtimeEvent[]> {
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

/** Marks one of the caller's own notifications read; anyone else's does not exist for them. Again: nothing changes. */
export const markNotificationRead = defineOperation({
  kind: "notifications.markRead",
  permission: "notifications.manage",
  input: z.object({ key: storableString().min(1).max(100), operationId: z.uuid() }),
  run: async ({ tx, ctx, input, now }): Promise<Committed<null>> => {
    const target = and(mine(ctx), eq(notifications.key, input.key));
    const updated = await tx
      .update(notifications)
      .set({ readAt: now })
      .where(and(target, isNull(notifications.readAt)))
      .returning({ key: notifications.key });
    if (updated.length === 0) {
      const [existing] = await tx.select({ key: notifications.key }).from(notifications).where(target).limit(1);
      if (!existing) throw notFound();
      return { result: null, events: [] };
    }
    return {
      result: null,
      events: [{ channels: [userChannel(ctx.userId)], event: realtimeEvents.notificationsRead, data: { keys: [input.key] } }],
    };
  },
});

export const markAllNotificationsRead = defineOperation({
  kind: "notifications.markAllRead",
  permission: "notifications.manage",
  input: z.object({ operationId: z.uuid() }),
  run: async ({ tx, ctx, now }): Promise<Committed<null>> => {
    const updated = await tx
      .update(notifications)
      .set({ readAt: now })
      .where(and(mine(ctx), isNull(notifications.readAt)))
      .returning({ key: notifications.key });
    if (updated.length === 0) return { result: null, events: [] };
    return {
      result: null,
      events: [{ channels: [userChannel(ctx.userId)], event: realtimeEvents.notificationsRead, data: { all: true } }],
    };
  },
});
