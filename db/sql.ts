import "server-only";
import type { SortPosition } from "@/lib/pagination";
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
