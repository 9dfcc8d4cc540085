import "server-only";
import { sql } from "drizzle-orm";
import { type Database, queryRows } from "@/db/client";
import { readTransaction } from "@/db/read-transaction";
import { escapeLike } from "@/db/sql";
import type { Ctx } from "@/lib/auth/viewer";
import { assertCan, can } from "@/lib/permissions";
import { matchQualitySql, personContains } from "../match";
import type { PersonSuggestion } from "../suggestions";

/** A person the admin screens' and HR's pickers suggest; `alreadyMember` of the group being filled. */
export type PersonMatch = PersonSuggestion & { email: string; alreadyMember: boolean };

export const AUTOCOMPLETE_LIMIT = 10;
const WORD_SIMILARITY_THRESHOLD = "0.45";

/**
 * The person pickers' search over the company's active people (deactivated ones cannot be added,
 * assigned, moved or made a manager) by name or email, best match first (`matchQualitySql`), then by
 * name. Three characters or more forgive typos in the name (word similarity) and match the start of
 * an email; shorter terms match name or email prefixes.
 */
export async function searchPeople(db: Database, ctx: Ctx, options: { term: string; groupId?: string }): Promise<PersonMatch[]> {
  // The admin screens' pickers (filling groups, assigning) and HR's forms search the same people.
  if (!can(ctx, "hr.forms")) assertCan(ctx, "group.list");
  const term = options.term.trim().toLowerCase();
  if (!term) return [];
  const member = options.groupId
    ? sql`exists (select 1 from group_members m where m.group_id = ${options.groupId} and m.user_id = u.id)`
    : sql`false`;
  const prefix = `${escapeLike(term)}%`;
  const match = matchQualitySql(term);
  const columns = sql`u.id, u.name, u.email, d.name as "departmentName", ${match} as match, ${member} as "alreadyMember"`;
  if (term.length < 3) {
    return queryRows<PersonMatch>(
      db,
      sql`select ${columns}
        from users u left join departments d on d.id = u.department_id
        where u.company_id = ${ctx.companyId} and ${personContains(ctx.companyId, term)} and u.deactivated_at is null
        order by match, lower(u.name), u.id
        limit ${AUTOCOMPLETE_LIMIT}`,
    );
  }
  // The closest names come straight from the GiST index in distance order (`<<->`), so a common
  // fragment ("mar": a tenth of the company) stops after ten rows instead of scoring every match;
  // email starts come from a btree range. Both inside `people_nearest` (migration 0023: see
  // lib/people/match.ts). Only those twenty candidates are ranked.
  const query = sql`select ${columns}
    from people_nearest(${ctx.companyId}, ${term}, ${prefix}, ${AUTOCOMPLETE_LIMIT}) candidates
    join users u on u.id = candidates.id left join departments d on d.id = u.department_id
    order by match, greatest(word_similarity(fold_name(${term}), u.folded_name), word_similarity(${term}, u.email)) desc, lower(u.name), u.id
    limit ${AUTOCOMPLETE_LIMIT}`;
  return readTransaction(db, async (tx) => {
    // pg_trgm's default (0.6) misses a swapped pair of letters in a short name ("leanr" for "Lena
    // Learner"). And the planner underestimates how many rows a trigram match finds, so it may
    // prefer collecting them all through a bitmap and sorting: the ordered index scan is what keeps
    // common fragments fast. Both settings end with the transaction.
    await tx.execute(
      sql`select set_config('pg_trgm.word_similarity_threshold', ${WORD_SIMILARITY_THRESHOLD}, true),
                 set_config('enable_bitmapscan', 'off', true)`,
    );
    return queryRows<PersonMatch>(tx, query);
  });
}
