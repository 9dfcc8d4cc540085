import "server-only";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { together } from "@/db/together";
import { lockCompanyMembership } from "@/db/locks";
import { applyGroupRules, queuedMail } from "@/lib/assignments/sql";
import { assignedEvents } from "@/lib/assignments/events";
import { AppError } from "@/lib/errors";
import { placesRefusal } from "@/lib/membership-core/capacity";
import { membershipChanged } from "@/lib/membership-core/events";
import { type Committed, defineOperation } from "@/lib/operations/kernel";
import { actorName } from "@/lib/people/queries/person";
import { candidatesSql } from "../candidates";
import { announceAdded } from "../events";
import { manageableGroup } from "../manageable-group";
import { type AddPreview, classifiedCountsSql, classifiedSql } from "../queries/preview";
import { addMembersSchema } from "../schemas";
import { insertMembershipsSql } from "../sql";

export type AddResult = { added: number; alreadyMembers: number; deactivated: number };

/**
 * Adds everyone the selection names who is active and not yet a member, in one transaction and a
 * fixed number of statements however many people: the selection is classified, counted against the
 * maximum, and its newcomers' members, ledger rows and notifications written by one statement (an
 * INSERT … SELECT and two INSERTs fed by its RETURNING). Over the maximum, nothing is added and the
 * numbers are reported.
 */
export const addMembers = defineOperation({
  kind: "membership.add",
  permission: "group.manageMembers",
  input: addMembersSchema,
  // A re-submitted form is answered from the stored result before any lock or transaction, once the
  // caller is found still allowed to manage the group.
  authorize: (db, ctx, input) => manageableGroup(db, ctx, input.groupId, false),
  locks: async (tx, ctx, input) => {
    // First: before the reads of who is active, and before any row is locked, so that waiting here
    // for a deactivation can never close a cycle of waits.
    await lockCompanyMembership(tx, ctx.companyId, "membership-write");
    return manageableGroup(tx, ctx, input.groupId);
  },
  run: async ({ tx, ctx, input, now, locked: group, audit }): Promise<Committed<AddResult>> => {
    const batchId = randomUUID();
    const candidates = await candidatesSql(tx, ctx, group.id, input.selection);
    // Classified, counted against the maximum and inserted in one statement: nobody is inserted when
    // the newcomers would not fit, and the numbers come back either way.
    const fits = group.maxMembers === null ? sql`true` : sql`counts.taken + counts."toAdd" <= ${group.maxMembers}`;
    // The actor's name (for the newcomers' notification) is read beside it: one round trip for both.
    const [actor, [row]] = await together([
      actorName(tx, ctx),
      queryRows<Omit<AddPreview, "max"> & { added: number; ruled: boolean }>(
        tx,
        insertMembershipsSql(
          ctx,
          sql`select ${group.id}::uuid as group_id, c.user_id, c.source, c.source_label, c.sort_name
            from classified c, counts where not c.member and not c.deactivated and ${fits}`,
          { batchId, now },
          {
            before: sql`classified as (${classifiedSql(group.id, candidates)}), counts as (${classifiedCountsSql(group.id)})`,
            select: sql`select counts.*, (select count(*)::int from inserted) as added,
                             exists (select from assignment_rules where group_id = ${group.id}) as ruled
                      from counts`,
          },
        ),
      ),
    ]);
    const preview = { ...row!, max: group.maxMembers };
    if (preview.max !== null && preview.taken + preview.toAdd > preview.max) {
      throw new AppError("group_full", placesRefusal(preview.taken, preview.max, preview.toAdd));
    }
    const { added, ruled } = row!;
    // The group's assignment rules, if it has any, reach the newcomers: one more statement, reading the batch's ledger rows.
    const assigned = added > 0 && ruled ? await applyGroupRules(tx, ctx, group.id, now, batchId) : [];
    const result: AddResult = { added, alreadyMembers: preview.alreadyMembers, deactivated: preview.deactivated };
    await audit({
      action: "group.members_added",
      targetType: "group",
      targetId: group.id,
      batchId,
      details: { mode: input.selection.mode, ...result },
    });
    if (added === 0) return { result };
    return {
      result,
      events: [
        announceAdded({ groupId: group.id, batchId, groupName: group.name, actorName: actor, at: now }),
        membershipChanged(group.id),
        ...assignedEvents(assigned, { source: "rule", now, batchId }),
      ],
      outbox: queuedMail(assigned),
    };
  },
});
