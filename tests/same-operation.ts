import { sql } from "drizzle-orm";
import { expect } from "vitest";
import { type Database, queryRows } from "@/db/client";

/** Every table an operation of ours may write, by its row count and a digest of its rows. */
const TABLES = [
  "users",
  "group_members",
  "membership_events",
  "assignments",
  "notifications",
  "audit_log",
  "api_keys",
  "import_jobs",
  "import_rows",
  "account_tokens",
  "user_sessions",
  "sign_in_addresses",
  "group_progress_daily",
  "mail_outbox",
] as const;

/** The whole database as far as our operations can change it: a second run of the same operation must leave it as the first did. */
async function footprint(db: Database): Promise<Record<string, string>> {
  const parts = TABLES.map((table) => sql`select ${table}::text as name, count(*)::text || ':' || coalesce(md5(string_agg(t::text, ',' order by t::text)), '') as digest from ${sql.identifier(table)} t`);
  const rows = await queryRows<{ name: string; digest: string }>(db, sql.join(parts, sql` union all `));
  return Object.fromEntries(rows.map((row) => [row.name, row.digest]));
}

/**
 * "Same operation id twice → one effect": runs `call` with one operation id, then again with the
 * same id, and checks that the second changed nothing anywhere and answered the first result.
 */
export async function expectOneEffect<T>(db: Database, call: (operationId: string) => Promise<{ result: T }>, operationId: string = crypto.randomUUID()): Promise<{ result: T }> {
  const first = await call(operationId);
  const after = await footprint(db);
  const second = await call(operationId);
  expect(await footprint(db)).toEqual(after);
  expect(second.result).toEqual(JSON.parse(JSON.stringify(first.result)));
  return first;
}
