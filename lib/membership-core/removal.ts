import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import type { MembershipSource } from "@/db/schema";
import type { Ctx } from "@/lib/auth/viewer";
import type { RealtimeEvent } from "@/lib/realtime/channels";
import { revokeMemberships } from "@/lib/group-access/epochs";

/*
 * Group membership primitives that several domains share (groups, membership, people, HR), below
 * all of them so that none imports a peer for them (see member-count.ts).
 */

export type RemovalLedger = { batchId: string; now: Date; source: MembershipSource; sourceLabel: string | null };

export type TakenOut = {
  /** The memberships that ended. */
  ended: { groupId: string; userId: string }[];
  /** For after the commit: the groups' old channels hear of their new epoch (`revokeMemberships`). */
  events: RealtimeEvent[];
};

/**
 * Takes people out of groups in one statement, writing a "removed" ledger row for each membership
 * that ended, by the caller. `which` narrows the company's memberships: one group's chosen people,
 * or every active group of one person (deactivation). Each group where one of them was let onto the
 * current realtime epoch moves to the next in the same transaction, so from the commit on nothing
 * reaches them there, whether or not their connections are ever ended.
 */
export async function takeOut(tx: DatabaseOrTransaction, ctx: Ctx, which: SQL, ledger: RemovalLedger): Promise<TakenOut> {
  const ended = await queryRows<{ groupId: string; userId: string }>(
    tx,
    sql`with removed as (
        delete from group_members where company_id = ${ctx.companyId} and ${which}
        returning group_id, user_id
      ),
      ledger as (
        insert into membership_events (company_id, group_id, user_id, kind, actor_id, source, source_label, batch_id, at)
        select ${ctx.companyId}, group_id, user_id, 'removed', ${ctx.userId}, ${ledger.source}, ${ledger.sourceLabel}, ${ledger.batchId}, ${ledger.now}
        from removed
      )
      select group_id as "groupId", user_id as "userId" from removed`,
  );
  return { ended, events: await revokeMemberships(tx, ended) };
}
