import { type SQL, sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import type { MembershipSource } from "@/db/schema";
import type { Ctx } from "@/lib/auth/viewer";

export type RemovalLedger = { batchId: string; now: Date; source: MembershipSource; sourceLabel: string | null };

/**
 * Takes people out of groups in one statement, writing a "removed" ledger row for each membership
 * that ended, by the caller. `which` narrows the company's memberships: one group's chosen people,
 * or every active group of one person (deactivation). Returns the memberships that ended.
 */
export async function takeOut(
  tx: DatabaseOrTransaction,
  ctx: Ctx,
  which: SQL,
  ledger: RemovalLedger,
): Promise<{ groupId: string; userId: string }[]> {
  return queryRows<{ groupId: string; userId: string }>(
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
}
