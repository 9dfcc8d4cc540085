import "server-only";
import { type SQL, sql } from "drizzle-orm";
import type { Database, DatabaseOrTransaction } from "@/db/client";
import { readTransaction } from "@/db/read-transaction";
import { escapeLike, foldedNameLike } from "@/db/sql";

/** pg_trgm's default (0.6) misses a swapped pair of letters in a short name ("leanr" for "Lena Learner"). */
const WORD_SIMILARITY_THRESHOLD = "0.45";

/** From this length on, a term uses the trigram indexes and forgives typos; shorter ones match prefixes. */
export const FUZZY_MIN_LENGTH = 3;

/*
 * The matching that gathers through the trigram indexes runs in lookups of migration 0023
 * (`people_containing`, `people_resembling`, `people_nearest`): under row-level security the planner
 * may not use an index for LIKE and similarity conditions (their operators are not leakproof), so
 * written here they would scan all of the company's people. The lookups answer the ids of the
 * company's matching people (the app role may ask only about the company it is bound to); the
 * callers read those people through the policy.
 */

/**
 * People whose name or email contains the term (three characters or more, served by the trigram
 * indexes), or, for one or two characters, whose name, last name or email starts with it. `u` is
 * the alias of `users`; `term` is lower-cased and trimmed. Names are compared folded (`foldedNameLike`).
 */
export function personContains(companyId: string, term: string): SQL {
  if (term.length >= FUZZY_MIN_LENGTH) return sql`u.id in (select id from ${containingSql(companyId, term)})`;
  return personContainsTested(term);
}

/**
 * The same match as conditions each row is tested against, for a plan that reaches the rows another
 * way (the name index's walk, a department's index): no lookup, no gathering.
 */
export function personContainsTested(term: string): SQL {
  if (term.length >= FUZZY_MIN_LENGTH) {
    const part = `%${escapeLike(term)}%`;
    return sql`(${foldedNameLike(sql`u.folded_name`, part)} or u.email like ${part})`;
  }
  const prefix = `${escapeLike(term)}%`;
  return sql`(${foldedNameLike(sql`u.folded_name`, prefix)} or u.email like ${prefix} or ${foldedNameLike(sql`u.folded_name`, `% ${prefix}`)})`;
}

/** The people containing a term of three characters or more, as a relation of `id` and `sort_name` (lower-cased name). */
export function containingSql(companyId: string, term: string): SQL {
  return sql`people_containing(${companyId}, ${`%${escapeLike(term)}%`})`;
}

/**
 * How well a person matches a typed term (`MatchQuality`, lib/people/suggestions.ts): 0 the whole
 * name or email, 1 the start of either, 2 the start of a later word of the name, 3 inside either, 4
 * neither (found by resemblance). `u` is the alias of `users`; `term` is trimmed and lower-cased.
 * `byEmail: false` ranks by the name alone, for a search whose reader neither sees nor searches the
 * email (a chat's mentions): their order must not depend on it.
 */
export function matchQualitySql(term: string, { byEmail = true }: { byEmail?: boolean } = {}): SQL {
  const escaped = escapeLike(term);
  const name = sql`u.folded_name`;
  const email = (pattern: SQL) => (byEmail ? sql` or ${pattern}` : sql``);
  return sql`case when ${name} = fold_name(${term})${email(sql`u.email = ${term}`)} then 0
                  when ${foldedNameLike(name, `${escaped}%`)}${email(sql`u.email like ${`${escaped}%`}`)} then 1
                  when ${foldedNameLike(name, `% ${escaped}%`)} then 2
                  when ${foldedNameLike(name, `%${escaped}%`)}${email(sql`u.email like ${`%${escaped}%`}`)} then 3
                  else 4 end`;
}

/**
 * The typo-forgiving match of the add-members autocomplete (word similarity over the trigram
 * indexes), for terms of three characters or more; it needs `withPersonMatch`'s threshold.
 */
export function personResembles(companyId: string, term: string): SQL {
  return sql`u.id in (select id from people_resembling(${companyId}, ${term}))`;
}

/**
 * Runs `work` with the word-similarity threshold `personResembles` relies on. The setting is local to a
 * transaction, so the work runs in one.
 */
export async function withPersonMatch<T>(db: Database, work: (db: DatabaseOrTransaction) => Promise<T>): Promise<T> {
  return readTransaction(db, async (tx) => {
    await tx.execute(sql`select set_config('pg_trgm.word_similarity_threshold', ${WORD_SIMILARITY_THRESHOLD}, true)`);
    return work(tx);
  });
}
