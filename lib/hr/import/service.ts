import { createHash, randomUUID } from "node:crypto";
import { and, desc, eq, sql } from "drizzle-orm";
import { type Database, type DatabaseOrTransaction, queryRows } from "@/db/client";
import { lockCompanyMembership } from "@/db/locks";
import { type ImportJob, importJobs } from "@/db/schema";
import { z } from "zod";
import { type AssignedRow, applyGroupRules, queuedMail } from "@/lib/assignments/sql";
import { assignedEvents } from "@/lib/assignments/events";
import { addressRefusalAudit, assertUnderRefusalLimit, foreignDomainSql } from "@/lib/accounts/addresses";
import type { Ctx } from "@/lib/auth/viewer";
import { currentTime } from "@/base/clock";
import { AppError, notFound } from "@/lib/errors";
import { outboxInsertSql } from "@/lib/mail/outbox";
import { actorName, fanOut, insertMembershipsSql, membershipChanged } from "@/lib/membership/service";
import { type Committed, defineOperation } from "@/lib/operations/kernel";
import { assertCan } from "@/lib/permissions";
import { lenientText } from "@/lib/text";
import { asHrActor } from "../forms/groups";
import { type ImportProblem, parseImportCsv, readImportCsv } from "./csv";
import { domainOf, type ImportLookups, type ResolvedRow, validateRows } from "./validate";

/** Rows per staging transaction: each commits with the job's progress, which the page shows moving. */
export const STAGE_CHUNK_ROWS = 1_000;
/** Problems kept on the job for the page to list; the count covers them all. */
export const PROBLEMS_KEPT = 500;

/**
 * What an import does, as previewed from the staged rows and then as applied: people created,
 * updated (name, department or manager differ) and left as they are, and memberships added.
 */
export type ImportSummary = { created: number; updated: number; unchanged: number; memberships: number };

/** The job as the page polls it. */
export type ImportJobView = Pick<
  ImportJob,
  "id" | "fileName" | "status" | "totalRows" | "stagedRows" | "problems" | "problemCount" | "createdAt" | "finishedAt"
> & {
  summary: ImportSummary | null;
  /** Why the final transaction failed: an error code and its values, rendered from the catalogue. */
  error: { code: string; values: Record<string, string | number> } | null;
  /** When the same file was last imported by this company, if it was. */
  sameFileImportedAt: Date | null;
};

/**
 * Each step of an import (upload, check, staging, Confirm, the final transaction, a failure) is a
 * kernel operation of its own, run as the `hr` actor whoever runs it (docs/architecture.md,
 * "Ownership"): on any group, audited as HR; taken only by a person in their own right whom
 * `hr.forms` allows, as HR's forms are (an API key or an actor already delegated is refused). The
 * steps are the server's, not a form's: each call is one intent with its own operation id, and the
 * job's status is what makes a second Confirm or a second final transaction refused.
 */
const ofCompany = (ctx: Ctx, jobId: string) => and(eq(importJobs.id, jobId), eq(importJobs.companyId, ctx.companyId));
const importStep = { permission: "hr.forms", actAs: asHrActor } as const;
const stepId = () => ({ operationId: randomUUID() });
const jobStep = z.object({ jobId: z.uuid(), operationId: z.uuid() });
/** What our own validator produced on the server (never a browser's): taken as it is. */
const produced = <T>() => z.custom<T>((value) => Array.isArray(value));

/** Upload: the job, `validating`, with what the file is. */
const recordJob = defineOperation({
  ...importStep,
  kind: "hr.import_upload",
  input: z.object({ fileName: z.string(), fileHash: z.string(), totalRows: z.int(), operationId: z.uuid() }),
  run: async ({ tx, ctx, input }) => {
    const [job] = await tx
      .insert(importJobs)
      .values({
        companyId: ctx.companyId,
        createdBy: ctx.userId,
        fileName: input.fileName,
        fileHash: input.fileHash,
        totalRows: input.totalRows,
      })
      .returning({ id: importJobs.id });
    return { result: { jobId: job!.id } };
  },
});

/** Check: the file's problems and the rows', kept for the page; nothing is staged. */
const markInvalid = defineOperation({
  ...importStep,
  kind: "hr.import_invalid",
  input: jobStep.extend({ problems: produced<ImportProblem[]>(), problemCount: z.int() }),
  run: async ({ tx, ctx, input, now }) => {
    await tx
      .update(importJobs)
      .set({ status: "invalid", problems: input.problems, problemCount: input.problemCount, updatedAt: now, finishedAt: now })
      .where(ofCompany(ctx, input.jobId));
    return { result: null };
  },
});

/** Staging: one chunk of valid rows, committed with the job's progress, which the page shows moving. */
const stageRows = defineOperation({
  ...importStep,
  kind: "hr.import_stage",
  input: jobStep.extend({ rows: produced<ResolvedRow[]>(), stagedRows: z.int() }),
  run: async ({ tx, ctx, input, now }) => {
    await stageChunk(tx, input.jobId, input.rows);
    await tx.update(importJobs).set({ status: "staging", stagedRows: input.stagedRows, updatedAt: now }).where(ofCompany(ctx, input.jobId));
    return { result: null };
  },
});

/** Staged: the preview of what Confirm will do; the job is `ready`. */
const markReady = defineOperation({
  ...importStep,
  kind: "hr.import_ready",
  input: jobStep,
  run: async ({ tx, ctx, input, now }) => {
    // Fresh statistics: without them the planner takes tens of thousands of staged rows for a handful
    // and joins them by nested loops (minutes instead of seconds).
    await tx.execute(sql`analyze import_rows`);
    const summary = await previewSummary(tx, ctx, input.jobId);
    await tx.update(importJobs).set({ status: "ready", summary, updatedAt: now }).where(ofCompany(ctx, input.jobId));
    return { result: null };
  },
});

/** A step that failed: the job is `failed` with the reason the page shows, and nothing else changed. */
const markFailed = defineOperation({
  ...importStep,
  kind: "hr.import_failed",
  input: jobStep.extend({ code: z.string(), values: z.record(z.string(), z.union([z.string(), z.number()])) }),
  run: async ({ tx, ctx, input, now }) => {
    await tx
      .update(importJobs)
      .set({ status: "failed", error: JSON.stringify({ code: input.code, values: input.values }), updatedAt: now, finishedAt: now })
      .where(ofCompany(ctx, input.jobId));
    return { result: null };
  },
});

const failureOf = (error: unknown) =>
  error instanceof AppError ? { code: error.code, values: error.values } : { code: "import_failed", values: {} };

async function recordFailure(db: Database, ctx: Ctx, jobId: string, error: unknown): Promise<void> {
  await markFailed(db, ctx, { jobId, ...failureOf(error), ...stepId() });
}

const jobOf = async (db: DatabaseOrTransaction, ctx: Ctx, jobId: string) => {
  const [job] = await db
    .select()
    .from(importJobs)
    .where(and(eq(importJobs.id, jobId), eq(importJobs.companyId, ctx.companyId)));
  if (!job) throw notFound();
  return job;
};

export type StartedImport = { job: ImportJob; run: () => Promise<void> };

/**
 * Takes an uploaded file: reads it and records the job (status `validating`), answering at once;
 * `run` (called after the response) validates every row and stages the valid file in chunks.
 */
export async function startImport(
  db: Database,
  ctx: Ctx,
  input: { fileName: string } & ({ text: string } | { body: AsyncIterable<Uint8Array> }),
  options: { onChunk?: (staged: number) => Promise<void> | void } = {},
): Promise<StartedImport> {
  asHrActor(ctx);
  // An upload is read as it arrives (and stops at the limits); a text in memory is read at once.
  const parsed =
    "body" in input
      ? await readImportCsv(input.body)
      : { ...parseImportCsv(input.text), hash: createHash("sha256").update(input.text).digest("hex") };
  const { result } = await recordJob(db, ctx, {
    fileName: lenientText(input.fileName, 200) || "import.csv",
    fileHash: parsed.hash,
    totalRows: parsed.rows.length,
    ...stepId(),
  });
  const job = await jobOf(db, ctx, result.jobId);
  const run = async () => {
    try {
      await validateAndStage(db, ctx, job.id, parsed.rows, parsed.problems, options.onChunk);
    } catch (error) {
      await recordFailure(db, ctx, job.id, error);
      throw error;
    }
  };
  return { job, run };
}

async function loadLookups(db: Database, ctx: Ctx, emails: string[]): Promise<ImportLookups> {
  const [departments, groups, accounts, foreignDomains] = await Promise.all([
    queryRows<{ id: string; name: string }>(db, sql`select id, name from departments where company_id = ${ctx.companyId}`),
    queryRows<{ id: string; name: string }>(
      db,
      sql`select id, name from learning_groups where company_id = ${ctx.companyId} and archived_at is null`,
    ),
    // The company's own people only: anyone else's address is, to the check, a new one.
    queryRows<{ email: string; active: boolean }>(
      db,
      sql`select email, deactivated_at is null as active
          from users where company_id = ${ctx.companyId}
            and email in (select jsonb_array_elements_text(${JSON.stringify(emails)}::jsonb))`,
    ),
    queryRows<{ domain: string }>(
      db,
      sql`select domain from company_domains where company_id <> ${ctx.companyId}
            and domain in (select jsonb_array_elements_text(${JSON.stringify([...new Set(emails.map(domainOf))])}::jsonb))`,
    ),
  ]);
  const byIdAndName = (rows: { id: string; name: string }[]) =>
    new Map(rows.flatMap((row) => [[row.id, row.id] as const, [row.name.toLowerCase(), row.id] as const]));
  return {
    departments: byIdAndName(departments),
    groups: byIdAndName(groups),
    accounts: new Map(accounts.map((row) => [row.email, { active: row.active }])),
    foreignDomains: new Set(foreignDomains.map((row) => row.domain)),
  };
}

async function validateAndStage(
  db: Database,
  ctx: Ctx,
  jobId: string,
  rows: Parameters<typeof validateRows>[0],
  fileProblems: ImportProblem[],
  onChunk?: (staged: number) => Promise<void> | void,
): Promise<void> {
  const emails = [...new Set(rows.flatMap((row) => [row.email, row.managerEmail]).filter(Boolean))];
  const { resolved, problems } = rows.length > 0 ? validateRows(rows, await loadLookups(db, ctx, emails)) : { resolved: [], problems: [] };
  const allProblems = [...fileProblems, ...problems].sort((a, b) => a.row - b.row);
  if (allProblems.length > 0) {
    await markInvalid(db, ctx, { jobId, problems: allProblems.slice(0, PROBLEMS_KEPT), problemCount: allProblems.length, ...stepId() });
    return;
  }
  for (let start = 0; start < resolved.length; start += STAGE_CHUNK_ROWS) {
    const chunk = resolved.slice(start, start + STAGE_CHUNK_ROWS);
    await stageRows(db, ctx, { jobId, rows: chunk, stagedRows: start + chunk.length, ...stepId() });
    await onChunk?.(start + chunk.length);
  }
  await markReady(db, ctx, { jobId, ...stepId() });
}

/** One INSERT per chunk: the rows travel as one JSON parameter, whatever their number. */
async function stageChunk(tx: DatabaseOrTransaction, jobId: string, rows: readonly ResolvedRow[]): Promise<void> {
  const json = JSON.stringify(
    rows.map((row) => ({
      row_number: row.row,
      email: row.email,
      name: row.name,
      department_id: row.departmentId,
      manager_email: row.managerEmail,
      group_ids: `{${row.groupIds.join(",")}}`,
    })),
  );
  await tx.execute(
    sql`insert into import_rows (job_id, row_number, email, name, department_id, manager_email, group_ids)
        select ${jobId}, row_number, email, name, department_id, manager_email, group_ids::uuid[]
        from jsonb_to_recordset(${json}::jsonb)
          as r (row_number int, email text, name text, department_id uuid, manager_email text, group_ids text)`,
  );
}

/**
 * The staged rows joined to who they name now: the person (null: to be created), their manager
 * (null: someone the file creates), and whether the row changes the person. Within the final
 * transaction, after the INSERT of new people, it sees them too: their manager is then a change. The preview and the
 * final transaction classify with this same relation, so what Confirm does is what the preview said.
 */
const classifiedRows = (ctx: Ctx, jobId: string) => sql`
  select r.row_number, r.email, r.name, r.department_id, r.manager_email, r.group_ids, u.id as user_id,
         (u.id is not null and ${rowChanges}) as changes
  from import_rows r
  left join users u on u.email = r.email and u.company_id = ${ctx.companyId}
  left join ${managerOf(ctx)}
  where r.job_id = ${jobId}`;

/** The staged row `r` changes the person `u`, whose manager per the file is `m`: an empty cell changes nothing. */
const rowChanges = sql`(
  u.name is distinct from r.name
  or (r.department_id is not null and u.department_id is distinct from r.department_id)
  or (r.manager_email is not null and (m.id is null or u.manager_id is distinct from m.id))
)`;

/** The manager the staged row `r` names, as `m`: an active person of the company. */
const managerOf = (ctx: Ctx) => sql`users m on m.email = r.manager_email and m.company_id = ${ctx.companyId} and m.deactivated_at is null`;

async function previewSummary(db: DatabaseOrTransaction, ctx: Ctx, jobId: string): Promise<ImportSummary> {
  const [row] = await queryRows<ImportSummary>(
    db,
    sql`with c as (${classifiedRows(ctx, jobId)})
        select (count(*) filter (where user_id is null))::int as created,
               (count(*) filter (where changes))::int as updated,
               (count(*) filter (where user_id is not null and not changes))::int as unchanged,
               (select count(*)::int from c cross join unnest(c.group_ids) as g (group_id)
                where c.user_id is null
                   or not exists (select 1 from group_members gm where gm.group_id = g.group_id and gm.user_id = c.user_id)) as memberships
        from c`,
  );
  return row!;
}

/**
 * Confirm: claims a `ready` job for applying (only once: a second Confirm finds it claimed), so the
 * page can answer at once; `applyImport` then runs after the response.
 */
const claimForApplying = defineOperation({
  ...importStep,
  kind: "hr.import_confirm",
  input: jobStep,
  run: async ({ tx, ctx, input, now }) => {
    // Confirm is where an address of another company is refused: limited as invitations are.
    await assertUnderRefusalLimit(tx, ctx, now);
    const [claimed] = await tx
      .update(importJobs)
      .set({ status: "applying", updatedAt: now })
      .where(and(eq(importJobs.id, input.jobId), eq(importJobs.companyId, ctx.companyId), eq(importJobs.status, "ready")))
      .returning({ id: importJobs.id });
    if (!claimed) {
      await jobOf(tx, ctx, input.jobId);
      throw new AppError("import_not_ready");
    }
    return { result: null };
  },
});

export async function confirmImport(db: Database, ctx: Ctx, jobId: string): Promise<void> {
  await claimForApplying(db, ctx, { jobId, ...stepId() });
}

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
const applyJob = defineOperation({
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

/** The import's steps, each a kernel operation: what the inventory and the replay tests read. */
export const importSteps = { recordJob, markInvalid, stageRows, markReady, claimForApplying, applyJob, markFailed } as const;

/** Runs the final transaction of a claimed job; on failure the job is `failed` with the reason (unless it was not this run's to apply). */
export async function applyImport(db: Database, ctx: Ctx, jobId: string): Promise<Committed<ImportSummary>> {
  try {
    return await applyJob(db, ctx, { jobId, ...stepId() });
  } catch (error) {
    if (!(error instanceof AppError && (error.code === "import_not_ready" || error.code === "forbidden" || error.code === "not_found"))) {
      await recordFailure(db, ctx, jobId, error);
    }
    throw error;
  }
}

/** Locks every group the rows name, in id order (as concurrent batches do), and finds them all still active. */
async function lockImportGroups(tx: DatabaseOrTransaction, ctx: Ctx, jobId: string): Promise<Map<string, string>> {
  const named = await queryRows<{ id: string; name: string | null; archived: boolean | null }>(
    tx,
    sql`with named as (select distinct unnest(group_ids) as id from import_rows where job_id = ${jobId})
        select named.id, g.name, g.archived_at is not null as archived
        from named left join (
          select id, name, archived_at from learning_groups
          where company_id = ${ctx.companyId} and id in (select id from named)
          order by id for update
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
                 exists (select 1 from users u where u.email = r.email and u.company_id <> ${ctx.companyId})
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
        select lg.name, (select count(*)::int from group_members gm where gm.group_id = lg.id) as taken,
               lg.max_members as max, a.selected
        from arriving a join learning_groups lg on lg.id = a.group_id
        where lg.max_members is not null
          and (select count(*) from group_members gm where gm.group_id = lg.id) + a.selected > lg.max_members
        order by lg.name limit 1`,
  );
  if (full) throw new AppError("import_group_full", full);
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

const view = (job: ImportJob, sameFileImportedAt: Date | null): ImportJobView => ({
  id: job.id,
  fileName: job.fileName,
  status: job.status,
  totalRows: job.totalRows,
  stagedRows: job.stagedRows,
  problems: job.problems,
  problemCount: job.problemCount,
  createdAt: job.createdAt,
  finishedAt: job.finishedAt,
  summary: (job.summary as ImportSummary | null) ?? null,
  error: job.error ? (JSON.parse(job.error) as ImportJobView["error"]) : null,
  sameFileImportedAt,
});

/** A job that has not moved for this long while checking, staging or applying was cut off by a restart. */
export const STALLED_AFTER_MS = 2 * 60_000;

/**
 * Marks the company's jobs that a server restart left half-way as failed, so the page stops waiting
 * for them. Nothing of theirs was applied: the final transaction died with the process. A running
 * final transaction holds its job's row lock and is skipped; staging moves `updated_at` each chunk.
 */
async function failStalledJobs(db: Database, ctx: Ctx, now: Date): Promise<void> {
  const failure = JSON.stringify({ code: "import_interrupted", values: {} });
  await db.execute(sql`update import_jobs set status = 'failed', error = ${failure}, updated_at = ${now}, finished_at = ${now}
    where id in (
      select id from import_jobs
      where company_id = ${ctx.companyId} and status in ('validating', 'staging', 'applying')
        and updated_at < ${new Date(now.getTime() - STALLED_AFTER_MS)}
      for update skip locked)`);
}

/** One job of the caller's company, as the page polls it. */
export async function readImportJob(db: Database, ctx: Ctx, jobId: string, now: Date = currentTime()): Promise<ImportJobView> {
  assertCan(ctx, "hr.forms");
  await failStalledJobs(db, ctx, now);
  const job = await jobOf(db, ctx, jobId);
  const [previous] = await db
    .select({ finishedAt: importJobs.finishedAt })
    .from(importJobs)
    .where(
      and(
        eq(importJobs.companyId, ctx.companyId),
        eq(importJobs.fileHash, job.fileHash),
        eq(importJobs.status, "done"),
        sql`${importJobs.id} <> ${job.id}`,
        sql`${importJobs.createdAt} < ${job.createdAt}`,
      ),
    )
    .orderBy(desc(importJobs.finishedAt))
    .limit(1);
  return view(job, previous?.finishedAt ?? null);
}

/** The company's most recent imports, newest first. */
export async function listImportJobs(db: Database, ctx: Ctx, limit = 20, now: Date = currentTime()): Promise<ImportJobView[]> {
  assertCan(ctx, "hr.forms");
  await failStalledJobs(db, ctx, now);
  const jobs = await db
    .select()
    .from(importJobs)
    .where(eq(importJobs.companyId, ctx.companyId))
    .orderBy(desc(importJobs.createdAt))
    .limit(limit);
  return jobs.map((job) => view(job, null));
}
