import "server-only";
import { type SQL, sql } from "drizzle-orm";
import type { Database, DatabaseOrTransaction } from "@/db/client";
import { readTransaction } from "@/db/read-transaction";
import { escapeLike } from "@/db/sql";

/** pg_trgm's default (0.6) misses a swapped pair of letters in a short name ("leanr" for "Lena Learner"). */
const WORD_SIMILARITY_THRESHOLD = "0.45";

/** From this length on, a term uses the trigram indexes and forgives typos; shorter ones match prefixes. */
export const FUZZY_MIN_LENGTH = 3;

/*
 * The matching itself runs in lookups of migration 0023 (`people_containing`, `people_prefixed`,
 * `people_resembling`, `people_nearest`): under row-level security the planner may not use the
 * trigram or prefix indexes for LIKE and similarity conditions (their operators are not leakproof),
 * so written here they would scan every person of every company. The lookups answer the ids of the
 * company's matching people (the app role may ask only about the company it is bound to); the
 * callers read those people through the policy.
 */

/**
 * People whose name or email contains the term (three characters or more, served by the trigram
 * indexes), or, for one or two characters, whose name, last name or email starts with it. `u` is
 * the alias of `users`; `term` is lower-cased and trimmed.
 */
export function personContains(companyId: string, term: string): SQL {
  if (term.length >= FUZZY_MIN_LENGTH) return sql`u.id in (select id from people_containing(${companyId}, ${`%${escapeLike(term)}%`}))`;
  const prefix = `${escapeLike(term)}%`;
  return sql`u.id in (select id from people_prefixed(${companyId}, ${prefix}, ${`% ${prefix}`}))`;
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
