import "server-only";
import { and, isNull } from "drizzle-orm";
import { z } from "zod";
import { notifications } from "@/db/schema";
import { type Committed, defineOperation } from "@/lib/operations/kernel";
import { realtimeEvents, userChannel } from "@/lib/realtime/channels";
import { mine } from "../queries";

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
