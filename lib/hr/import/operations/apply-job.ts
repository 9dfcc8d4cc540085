import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { lockCompanyMembership } from "@/db/locks";
import { importJobs } from "@/db/schema";
import { addressRefusalAudit } from "@/lib/accounts/addresses";
import { type AssignedRow, applyGroupRules, assignedEvents, queuedMail } from "@/lib/assignments/writes";
import { AppError } from "@/lib/errors";
import { actorName, fanOut, insertMembershipsSql, membershipChanged } from "@/lib/membership/service";
import { defineOperation } from "@/lib/operations/kernel";
import { importStep, jobStep } from "../job";
import type { ImportSummary } from "../progress";
import { assertRoomInGroups, assertStillValid, lockImportGroups } from "../recheck";
import { upsertPeople } from "../upsert-people";

/** Memberships the import added: the people who joined, by group. */
export type NewMemberships = Map<string, string[]>;

function byGroup(added: readonly { group_id: string; user_id: string }[]): NewMemberships {
  const groups: NewMemberships = new Map();
  for (const { group_id, user_id } of added) {
    const members = groups.get(group_id);
    if (members) members.push(user_id);
    else groups.set(group_id, [user_id]);
  }
  return groups;
}

/**
 * The final transaction of a claimed job: everything or nothing. A fixed number of statements
 * however many rows: people created (without a password) with their invitation mails queued, people
 * updated, managers set, memberships with their ledger and notifications, one audit row, the job
 * done with what it did. What changed since the preview is checked again under the locks: a
 * group archived, deleted or filled meanwhile, an address taken meanwhile (audited as a refused
 * address, which counts towards the caller's limit like a refused invitation).
 */
export const applyJob = defineOperation({
  ...importStep,
  kind: "hr.import_apply",
  input: jobStep,
  auditRefusal: (error, input) =>
    addressRefusalAudit(error, {
      via: "import",
      jobId: input.jobId,
      row: error instanceof AppError ? Number(error.values.row) : undefined,
    }),
  run: async ({ tx, ctx, input: { jobId }, now, audit }) => {
    // Locks the job, so that a second run waits here and then finds it no longer applying.
    const [job] = await tx
      .update(importJobs)
      .set({ updatedAt: now })
      .where(and(eq(importJobs.id, jobId), eq(importJobs.companyId, ctx.companyId), eq(importJobs.status, "applying")))
      .returning({ fileName: importJobs.fileName, totalRows: importJobs.totalRows });
    if (!job) throw new AppError("import_not_ready");
    const batchId = randomUUID();
    // Before any read of who is active, as every membership write does (db/locks.ts).
    await lockCompanyMembership(tx, ctx.companyId, "membership-write");
    const groups = await lockImportGroups(tx, ctx, jobId);
    await assertStillValid(tx, ctx, jobId);
    await assertRoomInGroups(tx, ctx, jobId, groups);

    const { created, updated, unchanged } = await upsertPeople(tx, ctx, jobId, now);
    const actor = await actorName(tx, ctx);
    const added = await queryRows<{ group_id: string; user_id: string }>(
      tx,
      insertMembershipsSql(
        ctx,
        sql`select distinct g.group_id, u.id as user_id, 'import'::membership_source as source,
                   ${job.fileName}::text as source_label, lower(u.name) as sort_name
            from import_rows r cross join unnest(r.group_ids) as g (group_id)
            join users u on u.email = r.email and u.company_id = ${ctx.companyId} and u.deactivated_at is null
            where r.job_id = ${jobId}`,
        { batchId, now, actorName: actor, notificationKey: sql`${batchId} || ':' || i.group_id` },
      ),
    );
    // Whatever follows a person joining a group runs here, inside this same transaction: each group's
    // assignment rules reach its newcomers (one statement per group the file names).
    const newMemberships = byGroup(added);
    const assigned: AssignedRow[] = [];
    for (const [groupId, userIds] of newMemberships) assigned.push(...(await applyGroupRules(tx, ctx, groupId, userIds, now, batchId)));

    const summary: ImportSummary = { created, updated, unchanged, memberships: added.length };
    await audit({
      action: "hr.import_applied",
      targetType: "import",
      targetId: jobId,
      batchId,
      details: { fileName: job.fileName, rows: job.totalRows, ...summary },
    });
    await tx.update(importJobs).set({ status: "done", summary, updatedAt: now, finishedAt: now }).where(eq(importJobs.id, jobId));
    return {
      result: summary,
      events: [...newMemberships]
        .flatMap(([groupId, userIds]) => [
          fanOut(userIds, {
            key: `${batchId}:${groupId}`,
            type: "group.added",
            payload: { groupName: groups.get(groupId)!, actorName: actor },
            groupId,
            createdAt: now,
          }),
          membershipChanged(groupId),
        ])
        .concat(assignedEvents(assigned, { source: "rule", now, batchId })),
      outbox: created > 0 || queuedMail(assigned),
    };
  },
});
