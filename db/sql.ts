import "server-only";
import { type SQL, sql } from "drizzle-orm";

/** A uuid[] parameter: one bound value however many ids, so statements stay the same size. */
export function uuidArray(ids: readonly string[]): SQL {
  return sql`${`{${ids.join(",")}}`}::uuid[]`;
}

/** A search term taken literally inside LIKE/ILIKE patterns. */
export function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, (char) => `\\${char}`);
}
