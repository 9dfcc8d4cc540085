import "server-only";
import { type SQL, sql } from "drizzle-orm";
import type { DatabaseOrTransaction } from "@/db/client";
import { notifications } from "@/db/schema";
import type { RealtimeEvent } from "@/lib/realtime/channels";
import { notificationFanOut } from "./events";
import { toNotificationDto } from "./queries";
import type { NewNotification, NotificationDto, NotificationPayloads, NotificationType } from "./types";

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

/**
 * Inserts notifications in one statement (inside the caller's transaction) and returns the
 * events to publish once that transaction has committed: one per distinct notification, fanned
 * out to everyone who got it.
 */
export async function createNotifications(db: DatabaseOrTransaction, items: readonly NewNotification[]): Promise<RealtimeEvent[]> {
  if (items.length === 0) return [];
  const rows = await db
    .insert(notifications)
    .values(items.map((item) => ({ ...item, groupId: item.groupId ?? null })))
    .onConflictDoNothing({ target: [notifications.userId, notifications.key] })
    .returning();
  const byContent = new Map<string, { dto: NotificationDto; userIds: string[] }>();
  for (const row of rows) {
    const dto = toNotificationDto(row);
    const content = JSON.stringify(dto);
    const entry = byContent.get(content) ?? { dto, userIds: [] };
    entry.userIds.push(row.userId);
    byContent.set(content, entry);
  }
  return [...byContent.values()].map(({ dto, userIds }) => notificationFanOut(userIds, dto));
}
