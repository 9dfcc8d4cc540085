import { type SQL, sql } from "drizzle-orm";
import type { NotificationPayloads, NotificationType } from "./types";

/**
 * A payload field as written by a set-based insert: its value, or an SQL expression of the same type
 * (a joined group's name, a course's title). Each field of the type's payload must be given, and
 * none else: the compiler checks a set-based notification against its type, as it checks a row.
 */
type FieldSql<V> = V | SQL<V>;
export type PayloadSql<T extends NotificationType> = { [K in keyof NotificationPayloads[T]]-?: FieldSql<NotificationPayloads[T][K]> };

/** Types whose payloads are the same, which one statement may choose between row by row (the chat's). */
type SharingPayload<T extends NotificationType> = {
  [U in NotificationType]: NotificationPayloads[U] extends NotificationPayloads[T] ? U : never;
}[NotificationType];

const isSql = (value: unknown): value is SQL => value !== null && typeof value === "object" && "queryChunks" in value;

/** `jsonb_build_object` over exactly the payload's fields; a text field is cast so it never arrives as unknown. */
function payloadSql(payload: Record<string, unknown>): SQL {
  const pairs = Object.entries(payload).map(([name, value]) => {
    if (isSql(value)) return sql`${name}::text, ${value}`;
    if (typeof value === "number") return sql`${name}::text, ${value}::int`;
    return sql`${name}::text, ${value}::text`;
  });
  return sql`jsonb_build_object(${sql.join(pairs, sql`, `)})`;
}

/**
 * The one INSERT of notifications for a set of recipients (docs/architecture.md, "Notifications"): one
 * row per row of `from` (a CTE of the same statement or an `unnest` of ids; `userId` names its column),
 * never travelling through Node. `type` is one type, or an SQL expression choosing among types that
 * share one payload. Returns no rows unless `returning` asks for some.
 */
export function insertNotificationsSql<T extends NotificationType>(spec: {
  companyId: string;
  from: SQL;
  userId?: SQL;
  type: T | { among: readonly SharingPayload<T>[]; sql: SQL<string> };
  payload: PayloadSql<T>;
  groupId: FieldSql<string | null>;
  key: FieldSql<string>;
  createdAt: Date;
  where?: SQL;
  returning?: SQL;
}): SQL {
  const type = typeof spec.type === "string" ? sql`${spec.type}::text` : spec.type.sql;
  return sql`insert into notifications (company_id, user_id, group_id, key, type, payload, created_at)
    select ${spec.companyId}::uuid, ${spec.userId ?? sql`user_id`}, (${spec.groupId})::uuid, (${spec.key})::text, ${type},
           ${payloadSql(spec.payload)}, ${spec.createdAt}::timestamptz
    from ${spec.from}
    ${spec.where ? sql`where ${spec.where}` : sql``}
    on conflict (user_id, key) do nothing
    ${spec.returning ? sql`returning ${spec.returning}` : sql``}`;
}
