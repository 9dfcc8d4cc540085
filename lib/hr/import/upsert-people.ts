import { sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import type { Ctx } from "@/lib/auth/viewer";
import { outboxInsertSql } from "@/lib/mail/outbox";
import { classifiedRows, managerOf, rowChanges } from "./classify";
import type { ImportSummary } from "./progress";

/**
 * People: the new ones created (no password, the company's) and their invitations queued in the
 * outbox by the same statement (the link itself is issued when the mail is sent, so it is never
 * stored), then one UPDATE for name, department and manager of everyone the rows change (managers
 * may be people the file itself creates, hence after the INSERT). An empty department or manager
 * cell leaves the person's value as it is.
 */
export async function upsertPeople(
  tx: DatabaseOrTransaction,
  ctx: Ctx,
  jobId: string,
  now: Date,
): Promise<Omit<ImportSummary, "memberships">> {
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
