import { type SQL, sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";

/**
 * What a company's operations have left in the database, for "the same operation id twice does it
 * once": row counts of what operations append (claims, audit, ledger, notifications, memberships and
 * those announced, assignments, mail) and a digest of what they change in place (people, departments, groups).
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
      (select count(*)::int from group_members where company_id = ${companyId} and announced) as announced,
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

/**
 * Columns every request may write whoever sends it, by design: a key's `last_used_at` (a hint for
 * admins, written as soon as the key is known, before its scope is checked). Left out of
 * `companyFingerprint`, as is `api_rate_limits`, which counts requests, refused ones included.
 */
const REQUEST_BOOKKEEPING: Record<string, string[]> = { api_keys: ["last_used_at"] };
const REQUEST_COUNTERS = new Set(["api_rate_limits"]);

const companyTables = new WeakMap<DatabaseOrTransaction, Promise<string[]>>();

/** Every table that holds a company's rows, read from the catalogue, so that a new one is covered unasked. */
function tablesWithCompany(db: DatabaseOrTransaction): Promise<string[]> {
  let tables = companyTables.get(db);
  if (!tables) {
    tables = queryRows<{ name: string }>(
      db,
      sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind in ('r', 'p')
            and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'company_id' and not a.attisdropped)
          order by c.relname`,
    ).then((rows) => rows.map((row) => row.name).filter((name) => !REQUEST_COUNTERS.has(name)));
    companyTables.set(db, tables);
  }
  return tables;
}

/**
 * A digest of every row a company has, table by table (its `companies` row too): for "a refused
 * call changed nothing", whatever it might have touched. Two fingerprints are equal when nothing
 * of the company's was written in between; a difference names the table. Each table's digest is
 * its row count and the sum of its rows' hashes: no order to sort by, so it stays cheap on PGlite.
 */
export async function companyFingerprint(db: DatabaseOrTransaction, companyId: string): Promise<Record<string, string>> {
  const digest = (table: string, where: SQL) => {
    const ignored = REQUEST_BOOKKEEPING[table];
    // A row as text; as JSON without its bookkeeping columns only where it has any (JSON costs twice the time).
    // The columns are constants, written as an array literal: drizzle would expand a bound array into a list.
    const row = ignored ? sql`(to_jsonb(t) - ${sql.raw(`'{${ignored.join(",")}}'::text[]`)})::text` : sql`t::text`;
    return sql`select ${table} as name, count(*) || ':' || coalesce(sum(hashtext(${row})::bigint), 0) as digest
               from ${sql.identifier(table)} t where ${where}`;
  };
  const tables = await tablesWithCompany(db);
  const rows = await queryRows<{ name: string; digest: string }>(
    db,
    sql.join(
      [digest("companies", sql`t.id = ${companyId}`), ...tables.map((table) => digest(table, sql`t.company_id = ${companyId}`))],
      sql` union all `,
    ),
  );
  return Object.fromEntries(rows.map((row) => [row.name, row.digest]));
}

/**
 * What another company's answer must never carry of this one: the ids of its rows (every table with
 * a company and a uuid `id`, and the company's own) and the names and titles people read (those of
 * eight characters or more, so that a word of a header cannot pass for one).
 */
export async function companyMarks(db: DatabaseOrTransaction, companyId: string): Promise<string[]> {
  const columns = await queryRows<{ table: string; column: string }>(
    db,
    sql`select c.relname as table, a.attname as column from pg_class c
          join pg_namespace n on n.oid = c.relnamespace
          join pg_attribute a on a.attrelid = c.oid and not a.attisdropped
        where n.nspname = 'public' and c.relkind in ('r', 'p')
          and ((a.attname = 'id' and a.atttypid = 'uuid'::regtype) or (a.attname in ('name', 'title') and a.atttypid = 'text'::regtype))
          and exists (select 1 from pg_attribute k where k.attrelid = c.oid and k.attname = 'company_id' and not k.attisdropped)`,
  );
  const rows = await queryRows<{ mark: string }>(
    db,
    sql.join(
      [
        sql`select ${companyId}::text as mark`,
        ...columns.map(
          ({ table, column }) => sql`select ${sql.identifier(column)}::text from ${sql.identifier(table)} where company_id = ${companyId}`,
        ),
      ],
      sql` union `,
    ),
  );
  return rows.map((row) => row.mark).filter((mark) => mark.length >= 8);
}
