import { z } from "zod";
import { PERSON_NAME_MAX } from "@/lib/accounts/schemas";
import { shownValue } from "@/lib/text";
import type { CsvRow, ImportProblem } from "./csv";

/** What the company has, as the rows name it: departments and active groups by id or lower-cased name. */
export type ImportLookups = {
  departments: ReadonlyMap<string, string>;
  groups: ReadonlyMap<string, string>;
  /**
   * The addresses of the file (or named as managers) that are people of the company. Another company's
   * people are not here: to the check they are new addresses (Confirm refuses them, naming the row).
   */
  accounts: ReadonlyMap<string, { active: boolean }>;
  /** The file's email domains that another company registered (`company_domains`): refused, as everywhere. */
  foreignDomains: ReadonlySet<string>;
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

/** An address's domain, lower-cased, as `company_domains` holds it. */
export const domainOf = (email: string) => email.slice(email.lastIndexOf("@") + 1).toLowerCase();

/**
 * Checks every row against the file and the company: each problem carries its row number and
 * field. Another company's person reads as a new address and another company's group as "not found",
 * exactly as nothing at all, so the check learns nothing about other companies; an address on a
 * domain another company registered is refused, as on every path that creates people.
 */
export function validateRows(rows: readonly CsvRow[], lookups: ImportLookups): { resolved: ResolvedRow[]; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const firstRowOf = new Map<string, number>();
  for (const row of rows) if (row.email && !firstRowOf.has(row.email)) firstRowOf.set(row.email, row.row);

  const resolved: ResolvedRow[] = [];
  for (const row of rows) {
    const found: ImportProblem[] = [];
    // The cell is quoted back beside its problem (an empty one has nothing to show).
    const problem = (field: string, message: string, cell = "") =>
      found.push({ row: row.row, field, ...(cell ? { value: shownValue(cell) } : {}), message });

    if (!row.email) problem("email", "emailMissing");
    else if (!emailSchema.safeParse(row.email).success) problem("email", "emailInvalid", row.email);
    else if (firstRowOf.get(row.email) !== row.row) problem("email", "emailDuplicate", row.email);
    else if (lookups.foreignDomains.has(domainOf(row.email))) problem("email", "emailDomainForeign", row.email);
    else if (lookups.accounts.get(row.email)?.active === false) problem("email", "personDeactivated", row.email);

    if (!row.name) problem("name", "nameMissing");
    else if (row.name.length > PERSON_NAME_MAX) problem("name", "nameTooLong", row.name);

    const departmentId = row.department ? (lookups.departments.get(lookupKey(row.department)) ?? null) : null;
    if (row.department && !departmentId) problem("department", "departmentNotFound", row.department);

    if (row.managerEmail) {
      const manager = lookups.accounts.get(row.managerEmail);
      const known = manager ? manager.active : firstRowOf.has(row.managerEmail);
      if (row.managerEmail === row.email) problem("manager_email", "managerSelf", row.managerEmail);
      else if (!known) problem("manager_email", "managerNotFound", row.managerEmail);
    }

    const groupIds: string[] = [];
    for (const group of row.groups) {
      const id = lookups.groups.get(lookupKey(group));
      if (id) groupIds.push(id);
      else problem("groups", "groupNotFound", group);
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
