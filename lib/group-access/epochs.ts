import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import { uuidArray } from "@/db/sql";
import type { Ctx } from "@/lib/auth/viewer";
import { getGroupAccess } from "./access";
import { type ChannelEpochData, groupAdminChannelAt, groupChannelAt, type RealtimeEvent, realtimeEvents } from "@/lib/realtime/channels";
import { currentEpochs } from "@/lib/realtime/epochs";

/**
 * The membership epoch (see `group_channel_epochs`). Who was let onto a group's channels at its
 * current epoch is recorded by the channel-auth route (`canSubscribe`); a change that takes the right
 * to read from one of them raises the epoch in its own transaction, and announces the new one on the
 * old channels after the commit. Publishing reads the epoch after each commit (`publish`).
 *
 * Locks, so that no authorization slips between a change and its check of the grants: the auth
 * route holds the person's row and then the epoch row `for share` while it checks and records; a
 * change holds the person's row (demotion, deactivation) or the epoch row (`for update`, taken
 * before the grants are read) until it commits. Either order, one of them sees the other's result.
 */

export type EpochBump = { groupId: string; from: number; to: number };

/** What tells a group's readers that their channels moved on: on both old channels, the new epoch. */
export function epochEvents(bumps: readonly EpochBump[]): RealtimeEvent[] {
  return bumps.flatMap(({ groupId, from, to }) => {
    const data: ChannelEpochData = { groupId, epoch: to };
    return [
      { channels: [groupChannelAt(groupId, from)], event: realtimeEvents.channelEpoch, data },
      { channels: [groupAdminChannelAt(groupId, from)], event: realtimeEvents.channelEpoch, data },
    ];
  });
}

/**
 * Raises, once, the epoch of each of `groupIds` where someone matching `grantee` (a condition on the
 * grant `a`) was let on at the current epoch, and forgets the grants of the epochs left behind. The
 * epoch rows are locked first, in id order, and the grants read afterwards: an authorization that
 * got its lock earlier has committed its grant by then.
 */
async function bump(tx: DatabaseOrTransaction, groupIds: readonly string[], grantee: SQL): Promise<RealtimeEvent[]> {
  if (groupIds.length === 0) return [];
  await tx.execute(
    sql`select group_id from group_channel_epochs where group_id = any(${uuidArray(groupIds)}) order by group_id for update`,
  );
  const bumped = await queryRows<{ groupId: string; epoch: number }>(
    tx,
    sql`with bumped as (
          update group_channel_epochs e set epoch = e.epoch + 1
          where e.group_id = any(${uuidArray(groupIds)})
            and exists (select 1 from group_channel_grants a where a.group_id = e.group_id and a.epoch = e.epoch and ${grantee})
          returning e.group_id, e.epoch
        ),
        forgotten as (
          delete from group_channel_grants a using bumped b where a.group_id = b.group_id and a.epoch < b.epoch
        )
        select group_id as "groupId", epoch from bumped`,
  );
  return epochEvents(bumped.map(({ groupId, epoch }) => ({ groupId, from: epoch - 1, to: epoch })));
}

/**
 * Memberships just ended in this transaction (a removal, move, leave, deactivation): the groups where
 * one of these people was let onto the current epoch move to the next, one step however many left.
 */
export async function revokeMemberships(
  tx: DatabaseOrTransaction,
  ended: readonly { groupId: string; userId: string }[],
): Promise<RealtimeEvent[]> {
  if (ended.length === 0) return [];
  const groups = uuidArray(ended.map((row) => row.groupId));
  const users = uuidArray(ended.map((row) => row.userId));
  return bump(
    tx,
    [...new Set(ended.map((row) => row.groupId))].sort(),
    sql`(a.group_id, a.user_id) in (select * from unnest(${groups}, ${users}))`,
  );
}

/**
 * A person lost rights in groups they need not be a member of (the admin role taken, deactivation):
 * every group they were let onto at its current epoch moves to the next. The caller holds the
 * person's row, so no new grant of theirs can appear meanwhile.
 */
export async function revokePerson(tx: DatabaseOrTransaction, ctx: Ctx, userId: string): Promise<RealtimeEvent[]> {
  const groups = await queryRows<{ groupId: string }>(
    tx,
    sql`select distinct a.group_id as "groupId" from group_channel_grants a
        join group_channel_epochs e on e.group_id = a.group_id and e.epoch = a.epoch
        where a.user_id = ${userId} and e.company_id = ${ctx.companyId}`,
  );
  return bump(tx, groups.map((row) => row.groupId).sort(), sql`a.user_id = ${userId}`);
}

/**
 * The epoch a page subscribes at, for whoever may read the group or its figures; null for anyone
 * else (and for another company's group). Read without a lock: a stale answer only means the
 * subscription is refused and the page asks again.
 */
export async function channelEpoch(db: DatabaseOrTransaction, ctx: Ctx, groupId: string): Promise<number | null> {
  const access = await getGroupAccess(db, ctx, groupId);
  if (!access?.canRead && !access?.canSeeStatistics) return null;
  return (await currentEpochs(db, [groupId])).get(groupId) ?? null;
}
