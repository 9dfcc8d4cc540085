import { sql } from "drizzle-orm";
import {
  bigserial,
  foreignKey,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { courses } from "./learning";
import { companies, users } from "./people";

export const groupVisibilityEnum = pgEnum("group_visibility", ["private", "public"]);
export type GroupVisibility = (typeof groupVisibilityEnum.enumValues)[number];

export const learningGroups = pgTable(
  "learning_groups",
  {
    id: uuid().primaryKey().defaultRandom(),
    companyId: uuid().notNull(),
    name: text().notNull(),
    description: text().notNull().default(""),
    courseId: uuid(),
    maxMembers: integer(),
    visibility: groupVisibilityEnum().notNull().default("private"),
    /** Immutable: who created the group. */
    createdBy: uuid().notNull(),
    /** Who manages membership of a private group; the creator at first. */
    ownerId: uuid().notNull(),
    archivedAt: timestamp({ withTimezone: true, precision: 3 }),
    createdAt: timestamp({ withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ name: "learning_groups_company_fk", columns: [t.companyId], foreignColumns: [companies.id] }).onDelete(
      "cascade",
    ),
    foreignKey({ name: "learning_groups_course_fk", columns: [t.courseId], foreignColumns: [courses.id] }).onDelete(
      "set null",
    ),
    foreignKey({ name: "learning_groups_created_by_fk", columns: [t.createdBy], foreignColumns: [users.id] }).onDelete(
      "restrict",
    ),
    foreignKey({ name: "learning_groups_owner_fk", columns: [t.ownerId], foreignColumns: [users.id] }).onDelete(
      "restrict",
    ),
    uniqueIndex("learning_groups_active_name_uq")
      .on(t.companyId, sql`lower(${t.name})`)
      .where(sql`${t.archivedAt} is null`),
    index("learning_groups_company_created_idx").on(t.companyId, t.createdAt.desc()),
  ],
);
export type LearningGroup = typeof learningGroups.$inferSelect;
export type NewLearningGroup = typeof learningGroups.$inferInsert;

/** How a person came into a group; shown as "via department Sales". */
export const membershipSourceEnum = pgEnum("membership_source", [
  "individual",
  "department",
  "copy",
  "move",
  "join",
  "leave",
  "hr",
  "import",
  "deactivation",
  "seed",
]);
export type MembershipSource = (typeof membershipSourceEnum.enumValues)[number];

export const groupMembers = pgTable(
  "group_members",
  {
    groupId: uuid().notNull(),
    userId: uuid().notNull(),
    companyId: uuid().notNull(),
    addedBy: uuid(),
    source: membershipSourceEnum().notNull(),
    /** The department or group name behind `source`, kept as it was at the time. */
    sourceLabel: text(),
    addedAt: timestamp({ withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "group_members_pk", columns: [t.groupId, t.userId] }),
    foreignKey({ name: "group_members_group_fk", columns: [t.groupId], foreignColumns: [learningGroups.id] }).onDelete(
      "cascade",
    ),
    foreignKey({ name: "group_members_user_fk", columns: [t.userId], foreignColumns: [users.id] }).onDelete("cascade"),
    foreignKey({ name: "group_members_company_fk", columns: [t.companyId], foreignColumns: [companies.id] }).onDelete(
      "cascade",
    ),
    foreignKey({ name: "group_members_added_by_fk", columns: [t.addedBy], foreignColumns: [users.id] }).onDelete(
      "set null",
    ),
    index("group_members_user_idx").on(t.userId),
    index("group_members_company_group_idx").on(t.companyId, t.groupId, t.addedAt.desc()),
  ],
);
export type GroupMember = typeof groupMembers.$inferSelect;

export const membershipEventKindEnum = pgEnum("membership_event_kind", ["added", "removed"]);

/** The ledger: who was a member when. Memberships are derived from it for history and the feed. */
export const membershipEvents = pgTable(
  "membership_events",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    companyId: uuid().notNull(),
    groupId: uuid().notNull(),
    userId: uuid().notNull(),
    kind: membershipEventKindEnum().notNull(),
    actorId: uuid(),
    source: membershipSourceEnum().notNull(),
    sourceLabel: text(),
    batchId: uuid(),
    at: timestamp({ withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ name: "membership_events_company_fk", columns: [t.companyId], foreignColumns: [companies.id] }).onDelete(
      "cascade",
    ),
    foreignKey({ name: "membership_events_group_fk", columns: [t.groupId], foreignColumns: [learningGroups.id] }).onDelete(
      "cascade",
    ),
    foreignKey({ name: "membership_events_user_fk", columns: [t.userId], foreignColumns: [users.id] }).onDelete(
      "cascade",
    ),
    foreignKey({ name: "membership_events_actor_fk", columns: [t.actorId], foreignColumns: [users.id] }).onDelete(
      "set null",
    ),
    index("membership_events_company_group_at_idx").on(t.companyId, t.groupId, t.at.desc()),
    index("membership_events_user_group_at_idx").on(t.userId, t.groupId, t.at),
  ],
);
export type MembershipEvent = typeof membershipEvents.$inferSelect;
