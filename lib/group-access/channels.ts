import "server-only";
import { readTransaction } from "@/db/read-transaction";
import { sql } from "drizzle-orm";
import { type Database, queryRows } from "@/db/client";
import type { Role } from "@/db/schema";
import type { Ctx } from "@/lib/auth/viewer";
import { getGroupAccess } from "@/lib/group-access/access";
import { parseChannel } from "@/lib/realtime/channels";

/**
 * May this person subscribe to this channel? Checked against the database on every call, so a
 * removed member is refused the moment they try to re-subscribe. Unknown channel names are refused,
 * and so is a group channel of any epoch but the current one (the page then asks for the current).
 *
 * A group channel is decided in a transaction that holds the person's row and the group's epoch row
 * `for share`, reads the person's roles afresh (the request's may predate a demotion), and records the
 * grant at this epoch before it commits. A removal or demotion holds one of those rows exclusively
 * until it commits and reads the grants only once it holds it (`lib/realtime/epochs.ts`): it either
 * sees this grant and raises the epoch, or this check sees its change and refuses.
 */
export async function canSubscribe(db: Database, ctx: Ctx, channelName: string): Promise<boolean> {
  const channel = parseChannel(channelName);
  if (!channel) return false;
  if (channel.kind === "user") return channel.userId === ctx.userId;
  return readTransaction(db, async (tx) => {
    // One read takes both rows' locks: no row when the person is gone or deactivated, or the group has no epoch.
    const [held] = await queryRows<{ roles: Role[]; epoch: number }>(
      tx,
      sql`select u.roles::text[] as roles, e.epoch
          from users u, group_channel_epochs e
          where u.id = ${ctx.userId} and u.company_id = ${ctx.companyId} and u.deactivated_at is null
            and e.group_id = ${channel.groupId} and e.company_id = ${ctx.companyId}
          for share of u, e`,
    );
    if (!held || Number(held.epoch) !== channel.epoch) return false;
    const access = await getGroupAccess(tx, { ...ctx, roles: held.roles }, channel.groupId);
    const allowed = channel.kind === "group" ? access?.canRead : access?.canSeeStatistics;
    if (!allowed) return false;
    await tx.execute(
      sql`insert into group_channel_grants (group_id, company_id, epoch, user_id)
          values (${channel.groupId}, ${ctx.companyId}, ${channel.epoch}, ${ctx.userId})
          on conflict do nothing`,
    );
    return true;
  });
}
