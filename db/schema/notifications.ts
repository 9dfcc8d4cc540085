import { sql } from "drizzle-orm";
import { foreignKey, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { learningGroups } from "./groups";
import { companies, users } from "./people";

export const notifications = pgTable(
  "notifications",
  {
    id: uuid().primaryKey().defaultRandom(),
    companyId: uuid().notNull(),
    userId: uuid().notNull(),
    /** Deleting the group deletes its notifications. */
    groupId: uuid(),
    type: text().notNull(),
    payload: jsonb().$type<Record<string, string | number | null>>().notNull().default({}),
    readAt: timestamp({ withTimezone: true, precision: 3 }),
    createdAt: timestamp({ withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ name: "notifications_company_fk", columns: [t.companyId], foreignColumns: [companies.id] }).onDelete(
      "cascade",
    ),
    foreignKey({ name: "notifications_user_fk", columns: [t.userId], foreignColumns: [users.id] }).onDelete("cascade"),
    foreignKey({ name: "notifications_group_fk", columns: [t.groupId], foreignColumns: [learningGroups.id] }).onDelete(
      "cascade",
    ),
    index("notifications_company_user_created_idx").on(t.companyId, t.userId, t.createdAt.desc(), t.id.desc()),
    index("notifications_user_unread_idx").on(t.userId).where(sql`${t.readAt} is null`),
    index("notifications_group_idx").on(t.groupId),
  ],
);
export type NotificationRow = typeof notifications.$inferSelect;
