import "server-only";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { DEACTIVATION_WAIT_MS, lockCompanyMembership } from "@/db/locks";
import { waiveAllOf } from "@/lib/assignments/sql";
import { revokeUserSessions } from "@/lib/auth/sessions";
import { AppError } from "@/lib/errors";
import { membershipChanged } from "@/lib/membership-core/events";
import { takeOut } from "@/lib/membership-core/removal";
import { type Committed, defineOperation } from "@/lib/operations/kernel";
import { assertMayTouchAdmin } from "@/lib/permissions";
import { revokePerson } from "@/lib/group-access/epochs";
import { assertAnotherAdmin } from "../guard";
import { isActiveAdmin, lockPeople } from "../lock";
import { personOperationSchema } from "../schemas";

export type DeactivationResult = { groupsLeft: number };

/**
 * Deactivation, the one operation admins and HR's leaver form share: in one transaction the person
 * is marked deactivated (sign-in ends at their next request, since every request reads the
 * person again), leaves every active group of the company with a ledger row each (archived groups
 * keep their member lists), their open assignments are waived (nothing more is sent for them), and
 * the operation is audited. Their open connections are then ended.
 */
export const deactivatePerson = defineOperation({
  kind: "person.deactivate",
  permission: "people.deactivate",
  input: personOperationSchema,
  locks: lockPeople,
  run: async ({ tx, ctx, now, locked: person, audit }): Promise<Committed<DeactivationResult>> => {
    if (person.id === ctx.userId) throw new AppError("deactivate_self");
    if (person.deactivatedAt) throw new AppError("already_deactivated", { name: person.name });
    // HR's leaver form and API keys end learners' and HR staff's accounts; an admin's is another admin's call.
    if (person.roles.includes("admin")) assertMayTouchAdmin(ctx, person);
    if (isActiveAdmin(person)) await assertAnotherAdmin(tx, ctx, person);
    // Waits for adds and moves in flight, so the removal below also finds what they put in. Taken
    // after the checks, so a refused deactivation never waits for them.
    if (!(await lockCompanyMembership(tx, ctx.companyId, "deactivation"))) {
      throw new AppError("deactivation_busy", { seconds: DEACTIVATION_WAIT_MS / 1000 });
    }
    const batchId = randomUUID();
    await tx.execute(sql`update users set deactivated_at = ${now} where id = ${person.id}`);
    await revokeUserSessions(tx, person.id);
    const left = await takeOut(
      tx,
      ctx,
      sql`user_id = ${person.id} and group_id in (
            select id from learning_groups where company_id = ${ctx.companyId} and archived_at is null)`,
      { batchId, now, source: "deactivation", sourceLabel: null },
    );
    const groupIds = left.ended.map((row) => row.groupId);
    // Groups they read without being a member (an admin's) move on too; the ones they left already did.
    const revoked = [...left.events, ...(await revokePerson(tx, ctx, person.id))];
    const assignmentsWaived = await waiveAllOf(tx, ctx, person.id, now);
    await audit({
      action: "person.deactivated",
      targetType: "user",
      targetId: person.id,
      batchId,
      details: { groupsLeft: groupIds.length, assignmentsWaived },
    });
    return {
      result: { groupsLeft: groupIds.length },
      events: [...revoked, ...groupIds.map(membershipChanged)],
      disconnectUsers: [person.id],
    };
  },
});
