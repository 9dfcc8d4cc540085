import { sql } from "drizzle-orm";
import { index, jsonb, pgEnum, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { timestampMs } from "./columns";

/**
 * How much of a group's chat notifies a person: every message, only mentions of them and admins'
 * notes, or nothing. A person's default lives on `users`; a group's setting overrides it.
 */
export const notificationLevelEnum = pgEnum("notification_level", ["all", "mentions", "none"]);
export type NotificationLevel = (typeof notificationLevelEnum.enumValues)[number];

export const notifications = pgTable(
  "notifications",
  {
    id: uuid().primaryKey().defaultRandom(),
    companyId: uuid().notNull(),
    userId: uuid().notNull(),
    /** Deleting the group deletes its notifications. */
    groupId: uuid(),
    /**
     * The person's own identity for this notification: one fan-out publishes the same payload to
     * many people, so the browser cannot learn each row's id; it dedupes and marks read by key.
     */
    key: text()
      .notNull()
      .default(sql`gen_random_uuid()::text`),
    type: text().notNull(),
    payload: jsonb().$type<Record<string, string | number | null>>().notNull().default({}),
    readAt: timestampMs(),
    createdAt: timestampMs().notNull().defaultNow(),
  },
  (t) => [
    // No foreign keys, for the ledger's reason (see `membershipEvents`): one department add writes
    // 10,000 notifications. Deleting a person or a group deletes theirs through statement-level
    // triggers (migration 0005); a notification's company is its person's.
    index("notifications_company_user_created_idx").on(t.companyId, t.userId, t.createdAt.desc(), t.key.desc()),
    uniqueIndex("notifications_user_key_uq").on(t.userId, t.key),
    index("notifications_user_unread_idx")
      .on(t.userId)
      .where(sql`${t.readAt} is null`),
    index("notifications_group_idx").on(t.groupId),
    // The scheduler's retention finds what was read long ago (lib/notifications/retention.ts).
    index("notifications_company_read_idx")
      .on(t.companyId, t.readAt)
      .where(sql`${t.readAt} is not null`),
  ],
);
export type NotificationRow = typeof notifications.$inferSelect;
