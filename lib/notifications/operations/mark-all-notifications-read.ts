import "server-only";
import { and, isNull, sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { z } from "zod";
import { notifications } from "@/db/schema";
import { type Committed, defineOperation } from "@/lib/operations/kernel";
import { bellChanged } from "../events";
import { mine } from "../queries";

/** Marks everything in the bell read: my notifications and every group chat of mine; other tabs follow. */
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
    // The bell's chat lines are read marks: every group of mine is read up to now (a row per group, not per message).
    const marked = await queryRows<{ groupId: string }>(
      tx,
      sql`insert into group_reads (user_id, group_id, company_id, last_read_at)
          select user_id, group_id, company_id, ${now} from group_members where user_id = ${ctx.userId} and company_id = ${ctx.companyId}
          on conflict (user_id, group_id) do update set last_read_at = excluded.last_read_at
          where group_reads.last_read_at < excluded.last_read_at
          returning group_id as "groupId"`,
    );
    if (updated.length === 0 && marked.length === 0) return { result: null, events: [] };
    return {
      result: null,
      events: [bellChanged(ctx.userId, { all: true })],
    };
  },
});
