import { foreignKey, type PgColumn, timestamp } from "drizzle-orm/pg-core";

/** Timestamps with millisecond precision, so a JavaScript Date round-trips exactly (cursors rely on it). */
export const timestampMs = () => timestamp({ withTimezone: true, precision: 3 });

/** A named single-column foreign key; `onDelete` is always stated. */
export function fk(name: string, column: PgColumn, target: PgColumn, onDelete: "cascade" | "set null" | "restrict") {
  return foreignKey({ name, columns: [column], foreignColumns: [target] }).onDelete(onDelete);
}
