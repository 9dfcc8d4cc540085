import { sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";

/**
 * What a company's operations have left in the database, for "the same operation id twice does it
 * once": row counts of what operations append (claims, audit, ledger, notifications, memberships,
 * assignments, mail) and a digest of what they change in place (people, departments, groups).
 * Two footprints are equal when nothing was written in between.
 */
export async function footprint(db: DatabaseOrTransaction, companyId: string): Promise<Record<string, number | string>> {
  const [row] = await queryRows<Record<string, number | string>>(
    db,
    sql`select
      (select count(*)::int from operations where company_id = ${companyId}) as operations,
      (select count(*)::int from audit_log where company_id = ${companyId}) as audit,
      (select count(*)::int from membership_events where company_id = ${companyId}) as ledger,
      (select count(*)::int from notifications where company_id = ${companyId}) as notifications,
      (select count(*)::int from group_members where company_id = ${companyId}) as members,
      (select count(*)::int from assignments where company_id = ${companyId}) as assignments,
      (select count(*)::int from mail_outbox where company_id = ${companyId}) as mail,
      (select md5(coalesce(string_agg(concat_ws('|', id, department_id, manager_id, roles::text, deactivated_at), ',' order by id), ''))
         from users where company_id = ${companyId}) as people,
      (select md5(coalesce(string_agg(concat_ws('|', id, name, head_id), ',' order by id), ''))
         from departments where company_id = ${companyId}) as departments,
      (select md5(coalesce(string_agg(concat_ws('|', id, name, owner_id, archived_at, updated_at), ',' order by id), ''))
         from learning_groups where company_id = ${companyId}) as groups`,
  );
  return row!;
}
