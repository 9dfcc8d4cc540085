import "server-only";
import { type SQL, sql } from "drizzle-orm";
import type { Database, DatabaseOrTransaction } from "@/db/client";
import { readTransaction } from "@/db/read-transaction";
import { escapeLike } from "@/db/sql";

/** pg_trgm's default (0.6) misses a swapped pair of letters in a short name ("leanr" for "Lena Learner"). */
const WORD_SIMILARITY_THRESHOLD = "0.45";

/** From this length on, a term uses the trigram indexes and forgives typos; shorter ones match prefixes. */
export const FUZZY_MIN_LENGTH = 3;

/**
 * People whose name or email contains the term (three characters or more, served by the trigram
 * indexes), or, for one or two characters, whose name, last name or email starts with it. `u` is
 * the alias of `users`; `term` is lower-cased and trimmed.
 */
export function personContains(term: string): SQL {
  if (term.length >= FUZZY_MIN_LENGTH) {
    const part = `%${escapeLike(term)}%`;
    return sql`(u.name ilike ${part} or u.email like ${part})`;
  }
  const prefix = `${escapeLike(term)}%`;
  return sql`(lower(u.name) like ${prefix} or u.email like ${prefix} or lower(u.name) like ${`% ${escapeLike(term)}%`})`;
}

/**
 * The typo-forgiving match of the add-members autocomplete (word similarity over the trigram
 * indexes), for terms of three characters or more; it needs `withPersonMatch`'s threshold.
 */
export function personResembles(term: string): SQL {
  return sql`(${term} <% u.name or ${term} <% u.email)`;
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
