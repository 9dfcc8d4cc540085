import { type SQL, sql } from "drizzle-orm";
import type { Database, DatabaseOrTransaction } from "@/db/client";
import { escapeLike } from "@/db/sql";

/** pg_trgm's default (0.6) misses a swapped pair of letters in a short name ("leanr" for "Lena Learner"). */
const WORD_SIMILARITY_THRESHOLD = "0.45";

/** From this length on, a term uses the trigram indexes and forgives typos; shorter ones match prefixes. */
export const FUZZY_MIN_LENGTH = 3;

/**
 * The people search of the directory, as the add-members autocomplete does it: three characters or
 * more match by word similarity (trigram index) or as a part of the name; shorter terms match name,
 * last-name or email prefixes. `u` is the alias of `users`; `term` is lower-cased and trimmed.
 */
export function personMatch(term: string): SQL {
  if (term.length >= FUZZY_MIN_LENGTH) {
    return sql`(${term} <% u.name or ${term} <% u.email or u.name ilike ${`%${escapeLike(term)}%`})`;
  }
  const prefix = `${escapeLike(term)}%`;
  return sql`(lower(u.name) like ${prefix} or u.email like ${prefix} or lower(u.name) like ${`% ${escapeLike(term)}%`})`;
}

/**
 * Runs `work` with the word-similarity threshold `personMatch` relies on. The setting is local to a
 * transaction, so the work runs in one; a short term needs no setting and no transaction.
 */
export async function withPersonMatch<T>(db: Database, term: string, work: (db: DatabaseOrTransaction) => Promise<T>): Promise<T> {
  if (term.length < FUZZY_MIN_LENGTH) return work(db);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('pg_trgm.word_similarity_threshold', ${WORD_SIMILARITY_THRESHOLD}, true)`);
    return work(tx);
  });
}
