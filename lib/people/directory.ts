import { type SQL, sql } from "drizzle-orm";
import { type Database, type DatabaseOrTransaction, queryRows } from "@/db/client";
import type { Role } from "@/db/schema";
import type { Ctx } from "@/lib/auth/viewer";
import type { Page } from "@/lib/membership/queries";
import { assertCan } from "@/lib/permissions";
import { personMatch, withPersonMatch } from "./match";
import type { PersonStatus, RoleFilter } from "./schemas";

export const PEOPLE_PAGE_SIZE = 25;

export type PersonRow = {
  id: string;
  name: string;
  email: string;
  departmentName: string | null;
  roles: Role[];
  status: PersonStatus;
};

export type PeopleFilters = {
  q?: string;
  departmentId?: string | null;
  role?: RoleFilter | null;
  status?: PersonStatus | null;
  page?: number;
};

/**
 * A person's status, from the row `u`: deactivated wins; without a password and an SSO identity
 * they have not accepted their invitation yet.
 */
export const statusSql = sql`case
    when u.deactivated_at is not null then 'deactivated'
    when u.password_hash is null and not exists (select 1 from user_identities i where i.user_id = u.id) then 'invited'
    else 'active' end`;

const statusFilter: Record<PersonStatus, SQL> = {
  deactivated: sql`u.deactivated_at is not null`,
  invited: sql`u.deactivated_at is null and u.password_hash is null and not exists (select 1 from user_identities i where i.user_id = u.id)`,
  active: sql`u.deactivated_at is null and (u.password_hash is not null or exists (select 1 from user_identities i where i.user_id = u.id))`,
};

const roleFilter: Record<RoleFilter, SQL> = {
  admin: sql`'admin' = any(u.roles)`,
  hr: sql`'hr' = any(u.roles)`,
  learner: sql`cardinality(u.roles) = 0`,
};

/** "People": the company's people, searched, filtered and a page at a time, by name. */
export async function listPeople(db: Database, ctx: Ctx, filters: PeopleFilters = {}): Promise<Page<PersonRow>> {
  assertCan(ctx, "people.list");
  const page = Math.max(1, filters.page ?? 1);
  const term = filters.q?.trim().toLowerCase() ?? "";
  const conditions = [
    sql`u.company_id = ${ctx.companyId}`,
    term ? personMatch(term) : null,
    filters.departmentId ? sql`u.department_id = ${filters.departmentId}` : null,
    filters.role ? roleFilter[filters.role] : null,
    filters.status ? statusFilter[filters.status] : null,
  ].filter((condition) => condition !== null);
  const where = sql.join(conditions, sql` and `);
  // roles as text[]: node-postgres leaves an array of an enum as its text form.
  return withPersonMatch(db, term, async (tx: DatabaseOrTransaction) => {
    const rows = await queryRows<PersonRow>(
      tx,
      sql`select u.id, u.name, u.email, d.name as "departmentName", u.roles::text[] as roles, ${statusSql} as status
          from users u left join departments d on d.id = u.department_id
          where ${where}
          order by lower(u.name), u.id
          limit ${PEOPLE_PAGE_SIZE} offset ${(page - 1) * PEOPLE_PAGE_SIZE}`,
    );
    const [count] = await queryRows<{ total: number }>(tx, sql`select count(*)::int as total from users u where ${where}`);
    return { rows, total: count?.total ?? 0, page, pageSize: PEOPLE_PAGE_SIZE };
  });
}
