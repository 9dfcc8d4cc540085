import { sql } from "drizzle-orm";
import { index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { fk, timestampMs } from "./columns";
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
    readAt: timestampMs(),
    createdAt: timestampMs().notNull().defaultNow(),
  },
  (t) => [
    fk("notifications_company_fk", t.companyId, companies.id, "cascade"),
    fk("notifications_user_fk", t.userId, users.id, "cascade"),
    fk("notifications_group_fk", t.groupId, learningGroups.id, "cascade"),
    index("notifications_company_user_created_idx").on(t.companyId, t.userId, t.createdAt.desc(), t.id.desc()),
    index("notifications_user_unread_idx").on(t.userId).where(sql`${t.readAt} is null`),
    index("notifications_group_idx").on(t.groupId),
  ],
);
export type NotificationRow = typeof notifications.$inferSelect;
