import { sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import { foreignDomainSql } from "@/lib/accounts/addresses";
import type { Ctx } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { classifiedRows } from "./classify";

/* What may have changed since the preview, checked again by the final transaction under its locks. */

/** Locks every group the rows name, in id order (as concurrent batches do), and finds them all still active. */
export async function lockImportGroups(tx: DatabaseOrTransaction, ctx: Ctx, jobId: string): Promise<Map<string, string>> {
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
export async function assertStillValid(tx: DatabaseOrTransaction, ctx: Ctx, jobId: string): Promise<void> {
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
export async function assertRoomInGroups(tx: DatabaseOrTransaction, ctx: Ctx, jobId: string, groups: Map<string, string>): Promise<void> {
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
