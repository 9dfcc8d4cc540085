import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { notifications } from "@/db/schema";
import { notFound } from "@/lib/errors";
import { type Committed, defineOperation } from "@/lib/operations/kernel";
import { bellChanged } from "../events";
import { storableString } from "@/lib/text";
import { mine } from "../queries";

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
      events: [bellChanged(ctx.userId, { keys: [input.key] })],
    };
  },
});
