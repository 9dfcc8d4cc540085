import { z } from "zod";
import { PERSON_NAME_MAX } from "@/lib/accounts/schemas";
import type { CsvRow, ImportProblem } from "./csv";

/** What the company has, as the rows name it: departments and active groups by id or lower-cased name. */
export type ImportLookups = {
  departments: ReadonlyMap<string, string>;
  groups: ReadonlyMap<string, string>;
  /** Every address of the file (or named as a manager) that already has an account, wherever. */
  accounts: ReadonlyMap<string, { inCompany: boolean; active: boolean }>;
};

/** A valid row, resolved to ids: what is staged. */
export type ResolvedRow = {
  row: number;
  email: string;
  name: string;
  departmentId: string | null;
  managerEmail: string | null;
  groupIds: string[];
};

const emailSchema = z.email().max(320);
/** A department or group cell, matched case-insensitively against ids and names alike. */
export const lookupKey = (value: string) => value.toLowerCase();

/**
 * Checks every row against the file and the company: each problem carries its row number and
 * field. Another company's address is "cannot be used" and another company's group "not found",
 * exactly as for nothing at all, so the file learns nothing about other companies.
 */
export function validateRows(rows: readonly CsvRow[], lookups: ImportLookups): { resolved: ResolvedRow[]; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const firstRowOf = new Map<string, number>();
  for (const row of rows) if (row.email && !firstRowOf.has(row.email)) firstRowOf.set(row.email, row.row);

  const resolved: ResolvedRow[] = [];
  for (const row of rows) {
    const found: ImportProblem[] = [];
    const problem = (field: string, message: string) => found.push({ row: row.row, field, message });

    if (!row.email) problem("email", "emailMissing");
    else if (!emailSchema.safeParse(row.email).success) problem("email", "emailInvalid");
    else if (firstRowOf.get(row.email) !== row.row) problem("email", "emailDuplicate");
    else {
      const account = lookups.accounts.get(row.email);
      if (account && !account.inCompany) problem("email", "emailUnavailable");
      else if (account && !account.active) problem("email", "personDeactivated");
    }

    if (!row.name) problem("name", "nameMissing");
    else if (row.name.length > PERSON_NAME_MAX) problem("name", "nameTooLong");

    const departmentId = row.department ? (lookups.departments.get(lookupKey(row.department)) ?? null) : null;
    if (row.department && !departmentId) problem("department", "departmentNotFound");

    if (row.managerEmail) {
      const manager = lookups.accounts.get(row.managerEmail);
      const known = (manager?.inCompany && manager.active) || (!manager && firstRowOf.has(row.managerEmail));
      if (row.managerEmail === row.email) problem("manager_email", "managerSelf");
      else if (!known) problem("manager_email", "managerNotFound");
    }

    const groupIds: string[] = [];
    for (const group of row.groups) {
      const id = lookups.groups.get(lookupKey(group));
      if (id) groupIds.push(id);
      else problem("groups", "groupNotFound");
    }

    if (found.length > 0) problems.push(...found);
    else
      resolved.push({
        row: row.row,
        email: row.email,
        name: row.name,
        departmentId,
        managerEmail: row.managerEmail || null,
        groupIds: [...new Set(groupIds)],
      });
  }
  return { resolved, problems };
}
