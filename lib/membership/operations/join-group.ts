import "server-only";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { lockCompanyMembership } from "@/db/locks";
import { applyGroupRules, queuedMail } from "@/lib/assignments/sql";
import { assignedEvents } from "@/lib/assignments/events";
import { AppError } from "@/lib/errors";
import { readGroup } from "@/lib/group-access/lock";
import { membershipChanged } from "@/lib/membership-core/events";
import { memberCount } from "@/lib/membership-core/member-count";
import { type Committed, defineOperation } from "@/lib/operations/kernel";
import { selfServiceSchema } from "../schemas";
import { assertSelfService, isMember, lockSelfService } from "../self-service";

export type JoinResult = { joined: boolean };

/**
 * Joins a public group by oneself: under the company's membership lock (as admins' adds, so a
 * deactivation in flight cannot leave the person in the group) and the group's row lock (so two
 * people racing for the last place queue, and the second sees it taken). Refused with the numbers
 * when full. Joining a group one is already in changes nothing.
 */
export const joinGroup = defineOperation({
  kind: "membership.join",
  permission: "group.join",
  input: selfServiceSchema,
  // A replay is answered only to whom the group is still open.
  authorize: async (db, ctx, input) => {
    const group = await readGroup(db, ctx, input.groupId);
    assertSelfService(group, await isMember(db, group, ctx));
  },
  locks: async (tx, ctx, input) => {
    await lockCompanyMembership(tx, ctx.companyId, "membership-write");
    return lockSelfService(tx, ctx, input.groupId);
  },
  run: async ({ tx, ctx, now, locked: { group, member }, audit }): Promise<Committed<JoinResult>> => {
    if (member) return { result: { joined: false } };
    const taken = await memberCount(tx, group.id);
    if (group.maxMembers !== null && taken >= group.maxMembers) {
      throw new AppError("group_full_join", { max: group.maxMembers });
    }
    const batchId = randomUUID();
    // Only an active person is inserted, checked in the statement's own snapshot under the lock above:
    // a deactivation that committed first leaves nothing to insert.
    const inserted = await queryRows<{ user_id: string }>(
      tx,
      sql`with inserted as (
          insert into group_members (group_id, user_id, company_id, added_by, source, added_at)
          select ${group.id}, id, ${ctx.companyId}, ${ctx.userId}, 'join', ${now}
          from users where id = ${ctx.userId} and company_id = ${ctx.companyId} and deactivated_at is null
          on conflict do nothing
          returning user_id
        ),
        ledger as (
          insert into membership_events (company_id, group_id, user_id, kind, actor_id, source, batch_id, at)
          select ${ctx.companyId}, ${group.id}, user_id, 'added', ${ctx.userId}, 'join', ${batchId}, ${now}
          from inserted
        )
        select user_id from inserted`,
    );
    if (inserted.length === 0) return { result: { joined: false } };
    const assigned = await applyGroupRules(tx, ctx, group.id, now, batchId);
    await audit({ action: "group.joined", targetType: "group", targetId: group.id, batchId });
    return {
      result: { joined: true },
      events: [membershipChanged(group.id), ...assignedEvents(assigned, { source: "rule", now, batchId })],
      outbox: queuedMail(assigned),
    };
  },
});
