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

/**
 * Where a download resumes, batch after batch: the last row's sort key (null sorts last in either
 * direction), its name and its id, the order sorted lists and exports use (`key, name, id`). A keyset reads each batch from where the last stopped, so the 50th batch
 * costs what the first did; an offset would walk every row before it again.
 */
export type SortPosition = { key: string | number | null; name: string; id: string };

/**
 * The rows after `last` in the order `key <keyDirection> nulls last, name <tieDirection>, id
 * <tieDirection>`; `keyType` casts the remembered key back to the key's type.
 */
export function afterPosition(
  columns: { key: SQL; name: SQL; id: SQL },
  last: SortPosition,
  order: { key: "asc" | "desc"; ties: "asc" | "desc" },
  keyType: "text" | "numeric",
): SQL {
  const beyond = (direction: "asc" | "desc") => (direction === "desc" ? sql`<` : sql`>`);
  const { key, name, id } = columns;
  const tie = sql`(${name}, ${id}) ${beyond(order.ties)} (${last.name}, ${last.id}::uuid)`;
  if (last.key === null) return sql`(${key} is null and ${tie})`;
  const lastKey = sql`${String(last.key)}::${sql.raw(keyType)}`;
  return sql`(${key} is null or ${key} ${beyond(order.key)} ${lastKey} or (${key} = ${lastKey} and ${tie}))`;
}

/**
 * A person's folded name against a LIKE pattern, as people search names (`fold_name`, migration 0033:
 * accents and German transliterations folded, so "mueller" and "muller" find Müller). `folded` is a
 * name already folded: `u.folded_name`, stored for every person, or `fold_name(…)` of another column.
 */
export const foldedNameLike = (folded: SQL, pattern: string): SQL => sql`${folded} like fold_name(${pattern})`;
