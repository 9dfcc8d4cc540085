import "server-only";
import { sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { z } from "zod";
import { type Committed, defineOperation } from "@/lib/operations/kernel";
import { myAnnouncements } from "../announcements";
import { bellChanged } from "../events";

/** How much one "Mark all read" marked: counted in the database, however many there were. */
export type MarkedAllRead = { notifications: number; groups: number };

/**
 * Marks everything in the bell read: my notifications (rows and "added you" notices) and every group chat
 * of mine; other tabs follow.
 * Answers counts, not the rows marked, so a person with thousands unread costs one row back.
 */
export const markAllNotificationsRead = defineOperation({
  kind: "notifications.markAllRead",
  permission: "notifications.manage",
  input: z.object({ operationId: z.uuid() }),
  run: async ({ tx, ctx, now }): Promise<Committed<MarkedAllRead>> => {
    // The bell's chat lines are read marks: every group of mine is read up to now (a row per group, not per message).
    const [marked] = await queryRows<{ notifications: number; groups: number }>(
      tx,
      sql`with notices as (
            update notifications set read_at = ${now}
            where user_id = ${ctx.userId} and company_id = ${ctx.companyId} and read_at is null
            returning 1
          ), announcements as (
            update group_members m set announcement_read_at = ${now}
            where ${myAnnouncements(ctx)} and m.announcement_read_at is null
            returning 1
          ), groups as (
            insert into group_reads (user_id, group_id, company_id, last_read_at)
            select user_id, group_id, company_id, ${now} from group_members where user_id = ${ctx.userId} and company_id = ${ctx.companyId}
            on conflict (user_id, group_id) do update set last_read_at = excluded.last_read_at
            where group_reads.last_read_at < excluded.last_read_at
            returning 1
          )
          select (select count(*)::int from notices) + (select count(*)::int from announcements) as notifications, (select count(*)::int from groups) as groups`,
    );
    const result = { notifications: marked!.notifications, groups: marked!.groups };
    if (result.notifications === 0 && result.groups === 0) return { result, events: [] };
    return { result, events: [bellChanged(ctx.userId, { all: true })] };
  },
});
