import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Transaction } from "@/db/client";
import { notifications } from "@/db/schema";
import type { Ctx } from "@/lib/auth/viewer";
import { notFound } from "@/lib/errors";
import { type Committed, defineOperation } from "@/lib/operations/kernel";
import { storableString } from "@/lib/text";
import { announcedGroup, markAnnouncementRead } from "../announcements";
import { bellChanged } from "../events";
import { mine } from "../queries";

/**
 * Marks one of the caller's own notifications read, a row or an "added you" notice on a membership
 * (../announcements.ts); anyone else's does not exist for them. Again: nothing changes.
 */
export const markNotificationRead = defineOperation({
  kind: "notifications.markRead",
  permission: "notifications.manage",
  input: z.object({ key: storableString().min(1).max(100), operationId: z.uuid() }),
  run: async ({ tx, ctx, input, now }): Promise<Committed<null>> => {
    const groupId = announcedGroup(input.key);
    const outcome = groupId ? await markAnnouncementRead(tx, ctx, groupId, now) : await markRowRead(tx, ctx, input.key, now);
    if (outcome === "missing") throw notFound();
    if (outcome === "already read") return { result: null, events: [] };
    return { result: null, events: [bellChanged(ctx.userId, { keys: [input.key] })] };
  },
});

async function markRowRead(tx: Transaction, ctx: Ctx, key: string, now: Date) {
  const target = and(mine(ctx), eq(notifications.key, key));
  const updated = await tx
    .update(notifications)
    .set({ readAt: now })
    .where(and(target, isNull(notifications.readAt)))
    .returning({ key: notifications.key });
  if (updated.length > 0) return "marked";
  const [existing] = await tx.select({ key: notifications.key }).from(notifications).where(target).limit(1);
  return existing ? "already read" : "missing";
}
