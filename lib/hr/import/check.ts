import "server-only";
import { sql } from "drizzle-orm";
import { type Database, queryRows } from "@/db/client";
import { foreignDomainSql } from "@/lib/accounts/addresses";
import type { Ctx } from "@/lib/auth/viewer";
import type { CsvRow, ImportProblem } from "./csv";
import { stepId } from "./job";
import { markInvalid } from "./operations/mark-invalid";
import { domainOf, type ImportLookups, type ResolvedRow, validateRows } from "./validate";

/** Problems kept on the job for the page to list; the count covers them all. */
export const PROBLEMS_KEPT = 500;

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
      sql`select domain from jsonb_array_elements_text(${JSON.stringify([...new Set(emails.map(domainOf))])}::jsonb) as domain
          where ${foreignDomainSql(ctx.companyId, sql`'@' || domain`)}`,
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

/**
 * The check of every row against what the company has. Any problem (the file's or a row's): the job
 * is `invalid` with them, and nothing comes back to stage; otherwise the rows resolved to ids.
 */
export async function checkRows(
  db: Database,
  ctx: Ctx,
  jobId: string,
  rows: readonly CsvRow[],
  fileProblems: ImportProblem[],
): Promise<ResolvedRow[] | null> {
  const emails = [...new Set(rows.flatMap((row) => [row.email, row.managerEmail]).filter(Boolean))];
  const { resolved, problems } = rows.length > 0 ? validateRows(rows, await loadLookups(db, ctx, emails)) : { resolved: [], problems: [] };
  const allProblems = [...fileProblems, ...problems].sort((a, b) => a.row - b.row);
  if (allProblems.length > 0) {
    await markInvalid(db, ctx, { jobId, problems: allProblems.slice(0, PROBLEMS_KEPT), problemCount: allProblems.length, ...stepId() });
    return null;
  }
  return resolved;
}
