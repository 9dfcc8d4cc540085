import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import { lockCompanyMembership } from "@/db/locks";
import { importJobs } from "@/db/schema";
import { addressRefusalAudit, foreignDomainSql, otherPersonsAddressSql } from "@/lib/accounts/addresses";
import { type AssignedRow, applyGroupRules, queuedMail } from "@/lib/assignments/sql";
import { assignedEvents } from "@/lib/assignments/events";
import type { Ctx } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { outboxInsertSql } from "@/lib/outbox/queue";
import { actorName } from "@/lib/people/queries/person";
import { announceAdded } from "@/lib/membership/events";
import { insertMembershipsSql } from "@/lib/membership/sql";
import { placesRefusal } from "@/lib/membership-core/capacity";
import { membershipChanged } from "@/lib/membership-core/events";
import { defineOperation } from "@/lib/operations/kernel";
import { classifiedRows, managerOf, rowChanges } from "../classify";
import { importStep, jobStep } from "../job";
import type { ImportSummary } from "../progress";
import { memberCountSql } from "@/lib/membership-core/member-count";

/**
 * The final transaction of a claimed job: everything or nothing. A fixed number of statements
 * however many rows: people created (without a password) with their invitation mails queued, people
 * updated, managers set, memberships (announced) with their ledger, one audit row, the job
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
    // How many each group gained, not who: the people stay in the database (the rules and the bell read the batch).
    const added = await queryRows<{ group_id: string; added: number }>(
      tx,
      insertMembershipsSql(
        ctx,
        sql`select distinct g.group_id, u.id as user_id, 'import'::membership_source as source,
                   ${job.fileName}::text as source_label, lower(u.name) as sort_name
            from import_rows r cross join unnest(r.group_ids) as g (group_id)
            join users u on u.email = r.email and u.company_id = ${ctx.companyId} and u.deactivated_at is null
            where r.job_id = ${jobId}`,
        { batchId, now },
        { select: sql`select group_id, count(*)::int as added from inserted group by group_id order by group_id` },
      ),
    );
    // Whatever follows a person joining a group runs here, inside this same transaction: each group's
    // assignment rules reach its newcomers (one statement per group the file names).
    const assigned: AssignedRow[] = [];
    for (const { group_id } of added) assigned.push(...(await applyGroupRules(tx, ctx, group_id, now, batchId)));

    const summary: ImportSummary = { created, updated, unchanged, memberships: added.reduce((sum, row) => sum + row.added, 0) };
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
      events: added
        .flatMap(({ group_id: groupId }) => [
          announceAdded({ groupId, batchId, groupName: groups.get(groupId)!, actorName: actor, at: now }),
          membershipChanged(groupId),
        ])
        .concat(assignedEvents(assigned, { source: "rule", now, batchId })),
      outbox: created > 0 || queuedMail(assigned),
    };
  },
});

/** Locks every group the rows name, in id order (as concurrent batches do), and finds them all still active. */
async function lockImportGroups(tx: DatabaseOrTransaction, ctx: Ctx, jobId: string): Promise<Map<string, string>> {
  const named = await queryRows<{ id: string; name: string | null; archived: boolean | null }>(
    tx,
    sql`with named as (select distinct unnest(group_ids) as id from import_rows where job_id = ${jobId})
        select named.id, g.name, g.archived_at is not null as archived
        from named left join (
          select id, name, archived_at from learning_groups
          where company_id = ${ctx.companyId} and id in (select id from named)
          order by id for no key update
        ) g on g.id = named.id`,
  );
  for (const group of named) {
    if (group.name === null) throw new AppError("import_group_gone");
    if (group.archived) throw new AppError("group_archived", { name: group.name });
  }
  return new Map(named.map((group) => [group.id, group.name!]));
}

/**
 * Addresses and departments, checked again under the locks. An address another company's person has,
 * or one on a domain another company registered (since the check, or all along: the check never tells
 * another company's address from a new one), fails the import as a whole, naming the first such row
 * ("cannot be used", audited by `applyImport`); a person of the company deactivated or a department
 * deleted meanwhile stops it as stale.
 */
async function assertStillValid(tx: DatabaseOrTransaction, ctx: Ctx, jobId: string): Promise<void> {
  const [found] = await queryRows<{ row_number: number; unavailable: boolean }>(
    tx,
    sql`select row_number, unavailable from (
          select r.row_number,
                 ${otherPersonsAddressSql(ctx.companyId, sql`r.email`)}
                   or ${foreignDomainSql(ctx.companyId, sql`r.email`)} as unavailable,
                 exists (select 1 from users u where u.email = r.email and u.company_id = ${ctx.companyId}
                         and u.deactivated_at is not null)
                   or (r.department_id is not null and not exists (
                         select 1 from departments d where d.id = r.department_id and d.company_id = ${ctx.companyId})) as stale
          from import_rows r where r.job_id = ${jobId}
        ) checked
        where unavailable or stale
        order by row_number limit 1`,
  );
  if (found?.unavailable) throw new AppError("import_email_unavailable", { row: found.row_number });
  if (found) throw new AppError("import_stale", { row: found.row_number });
}

/** Each group's maximum against its members now plus the import's arrivals; the first group over it is reported. */
async function assertRoomInGroups(tx: DatabaseOrTransaction, ctx: Ctx, jobId: string, groups: Map<string, string>): Promise<void> {
  if (groups.size === 0) return;
  const [full] = await queryRows<{ name: string; taken: number; max: number; selected: number }>(
    tx,
    sql`with c as (${classifiedRows(ctx, jobId)}),
        arriving as (
          select g.group_id, count(*)::int as selected
          from c cross join unnest(c.group_ids) as g (group_id)
          where c.user_id is null
             or not exists (select 1 from group_members gm where gm.group_id = g.group_id and gm.user_id = c.user_id)
          group by g.group_id
        )
        select lg.name, ${memberCountSql(sql`lg.id`)} as taken,
               lg.max_members as max, a.selected
        from arriving a join learning_groups lg on lg.id = a.group_id
        where lg.max_members is not null
          and ${memberCountSql(sql`lg.id`)} + a.selected > lg.max_members
        order by lg.name limit 1`,
  );
  if (full) throw new AppError("import_group_full", { name: full.name, ...placesRefusal(full.taken, full.max, full.selected) });
}

/**
 * People: the new ones created (no password, the company's) and their invitations queued in the
 * outbox by the same statement (the link itself is issued when the mail is sent, so it is never
 * stored), then one UPDATE for name, department and manager of everyone the rows change (managers
 * may be people the file itself creates, hence after the INSERT). An empty department or manager
 * cell leaves the person's value as it is.
 */
async function upsertPeople(tx: DatabaseOrTransaction, ctx: Ctx, jobId: string, now: Date): Promise<Omit<ImportSummary, "memberships">> {
  const [before] = await queryRows<{ unchanged: number }>(
    tx,
    sql`select (count(*) filter (where user_id is not null and not changes))::int as unchanged
        from (${classifiedRows(ctx, jobId)}) c`,
  );
  const inserted = await queryRows<{ id: string }>(
    tx,
    sql`with created as (
          insert into users (company_id, name, email, department_id, password_hash)
          select ${ctx.companyId}, r.name, r.email, r.department_id, null
          from import_rows r
          where r.job_id = ${jobId} and not exists (select 1 from users u where u.email = r.email)
          returning id
        ),
        invited as (${outboxInsertSql(
          ctx.companyId,
          "account.invitation",
          sql`(select id as user_id from created) as c`,
          sql`jsonb_build_object('inviterId', ${ctx.userId}::text)`,
          { now },
        )})
        select id from created`,
  );
  // The people just created count in the statistics of the joins that follow (ANALYZE counts this
  // transaction's own rows): stale ones would turn those joins into nested loops over every person.
  if (inserted.length > 0) await tx.execute(sql`analyze users`);
  const changed = await queryRows<{ id: string }>(
    tx,
    sql`update users u
        set name = r.name,
            department_id = coalesce(r.department_id, u.department_id),
            manager_id = coalesce(m.id, u.manager_id)
        from import_rows r left join ${managerOf(ctx)}
        where r.job_id = ${jobId} and u.email = r.email and u.company_id = ${ctx.companyId} and ${rowChanges}
        returning u.id`,
  );
  const createdIds = new Set(inserted.map((row) => row.id));
  return {
    created: inserted.length,
    updated: changed.filter((row) => !createdIds.has(row.id)).length,
    unchanged: before!.unchanged,
  };
}
