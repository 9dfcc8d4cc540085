import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { type Database, type DatabaseOrTransaction, queryRows } from "@/db/client";
import type { Role } from "@/db/schema";
import type { Ctx } from "@/lib/auth/viewer";
import { assertCan } from "@/lib/permissions";
import { containingSql, FUZZY_MIN_LENGTH, personContains, personContainsTested, personResembles, withPersonMatch } from "../match";
import type { PersonStatus, RoleFilter } from "../schemas";

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
 * A page of people, and whether another follows. No total: counting every match of a common
 * term among 100,000 people costs more than the page itself (see bench/README.md, people.search).
 */
export type PeoplePage = {
  rows: PersonRow[];
  page: number;
  pageSize: number;
  hasNext: boolean;
  /** No one contained the term, so these are the people whose name or email resembles it. */
  resembling: boolean;
};

/** Not yet signed in: neither a password nor an SSO identity (the invitation is still open). */
const neverSignedUp = sql`u.password_hash is null and not exists (select 1 from user_identities i where i.user_id = u.id)`;

/** A person's status, from the row `u`: deactivated wins over invited. */
export const statusSql = sql`case when u.deactivated_at is not null then 'deactivated'
    when ${neverSignedUp} then 'invited' else 'active' end`;

const statusFilter: Record<PersonStatus, SQL> = {
  deactivated: sql`u.deactivated_at is not null`,
  invited: sql`u.deactivated_at is null and ${neverSignedUp}`,
  active: sql`u.deactivated_at is null and not (${neverSignedUp})`,
};

const roleFilter: Record<RoleFilter, SQL> = {
  admin: sql`'admin' = any(u.roles)`,
  hr: sql`'hr' = any(u.roles)`,
  learner: sql`cardinality(u.roles) = 0`,
};

/**
 * How a page finds its people: walking the name index and testing each row; gathering the matches of
 * `where` first and sorting them; or sorting a relation of (id, sort_name) that holds exactly the
 * matches (the people containing a term, when nothing else filters).
 */
type Gather = "walk" | "filter" | SQL;

/**
 * One page by name, one row more than shown to tell whether another follows. A term of three
 * characters or more gathers its matches through the trigram indexes first and then sorts them:
 * walking the name index and testing each row, which the planner would otherwise choose, reads
 * most of the company for a rare term. Shorter terms have no index to gather with, and match
 * often enough that the walk finds a page soon.
 */
async function readPage(db: DatabaseOrTransaction, where: SQL, page: number, gather: Gather): Promise<PersonRow[]> {
  const limit = PEOPLE_PAGE_SIZE + 1;
  const offset = (page - 1) * PEOPLE_PAGE_SIZE;
  const ids =
    gather === "walk"
      ? sql`select u.id, lower(u.name) as sort_name from users u where ${where}
            order by lower(u.name), u.id limit ${limit} offset ${offset}`
      : gather === "filter"
        ? sql`with matches as materialized (select u.id, lower(u.name) as sort_name from users u where ${where})
              select id, sort_name from matches order by sort_name, id limit ${limit} offset ${offset}`
        : sql`select id, sort_name from ${gather} m order by sort_name, id limit ${limit} offset ${offset}`;
  // roles as text[]: node-postgres leaves an array of an enum as its text form.
  return queryRows<PersonRow>(
    db,
    sql`select u.id, u.name, u.email, d.name as "departmentName", u.roles::text[] as roles, ${statusSql} as status
        from (${ids}) p join users u on u.id = p.id left join departments d on d.id = u.department_id
        order by p.sort_name, p.id`,
  );
}

/**
 * "People": the company's people, filtered and a page at a time, by name. A term finds the people
 * whose name or email contains it; when nobody does (a typo), those whose name or email resembles
 * it, as the add-members autocomplete forgives typos.
 */
export async function listPeople(db: Database, ctx: Ctx, filters: PeopleFilters = {}): Promise<PeoplePage> {
  assertCan(ctx, "people.list");
  const page = Math.max(1, filters.page ?? 1);
  const term = filters.q?.trim().toLowerCase() ?? "";
  const where = (match: SQL | null) =>
    sql.join(
      [
        sql`u.company_id = ${ctx.companyId}`,
        match,
        filters.departmentId ? sql`u.department_id = ${filters.departmentId}` : null,
        filters.role ? roleFilter[filters.role] : null,
        filters.status ? statusFilter[filters.status] : null,
      ].filter((condition) => condition !== null),
      sql` and `,
    );
  const result = (rows: PersonRow[], resembling: boolean): PeoplePage => ({
    rows: rows.slice(0, PEOPLE_PAGE_SIZE),
    page,
    pageSize: PEOPLE_PAGE_SIZE,
    hasNext: rows.length > PEOPLE_PAGE_SIZE,
    resembling,
  });
  if (!term) return result(await readPage(db, where(null), page, "walk"), false);
  if (term.length < FUZZY_MIN_LENGTH) return result(await readPage(db, where(personContains(ctx.companyId, term)), page, "walk"), false);
  // A department's people are few: its index reaches them and each is tested. Otherwise the trigram
  // lookup gathers the matches, sorted as they come when nothing else filters them.
  const containingWhere = where(filters.departmentId ? personContainsTested(term) : personContains(ctx.companyId, term));
  const gatherContaining: Gather = filters.departmentId || filters.role || filters.status ? "filter" : containingSql(ctx.companyId, term);
  const containing = await readPage(db, containingWhere, page, gatherContaining);
  if (containing.length > 0) return result(containing, false);
  // Past the end of the containing people, or none at all: only the latter turns to resemblance.
  if (page > 1 && (await readPage(db, containingWhere, 1, gatherContaining)).length > 0) {
    return result([], false);
  }
  const resembling = await withPersonMatch(db, (tx) => readPage(tx, where(personResembles(ctx.companyId, term)), page, "filter"));
  return result(resembling, resembling.length > 0);
}
