import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { fk, timestampMs } from "./columns";
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
    archivedAt: timestampMs(),
    createdAt: timestampMs().notNull().defaultNow(),
    updatedAt: timestampMs().notNull().defaultNow(),
  },
  (t) => [
    fk("learning_groups_company_fk", t.companyId, companies.id, "cascade"),
    fk("learning_groups_course_fk", t.courseId, courses.id, "set null"),
    fk("learning_groups_created_by_fk", t.createdBy, users.id, "restrict"),
    fk("learning_groups_owner_fk", t.ownerId, users.id, "restrict"),
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
    addedAt: timestampMs().notNull().defaultNow(),
    /**
     * `lower(users.name)`, copied so that a page of a big group's member list is read in name order from
     * `group_members_company_group_sort_idx` instead of joining and sorting every member. Triggers keep it
     * true (migration 0005): filled on insert when not given, rewritten when the person is renamed.
     */
    sortName: text(),
    /**
     * The member's progress in the group's linked course, a copy of their `course_progress` row (zeros
     * and nulls without one, or without a course), kept by triggers (migration 0027) so that a page of
     * the Statistics tab sorted by progress, score or last activity reads 50 rows from an index, and
     * the group's figures follow every change from the rows that change.
     */
    lessonsDone: integer().notNull().default(0),
    percent: integer().notNull().default(0),
    score: integer(),
    lastActivityAt: timestampMs(),
    completedAt: timestampMs(),
    /**
     * Whether the person was told "… added you to the group" (an admin's or HR's add, not a join or the
     * new hire's welcome). The bell derives that notice from this row (`lib/notifications/queries.ts`)
     * instead of a notification row per person: an add writes one row per person, not two.
     */
    announced: boolean().notNull().default(false),
    /** When the person read that notice; never set on a membership that was not announced. */
    announcementReadAt: timestampMs(),
  },
  (t) => [
    primaryKey({ name: "group_members_pk", columns: [t.groupId, t.userId] }),
    check("group_members_announcement_check", sql`${t.announcementReadAt} is null or ${t.announced}`),
    // The row's group and person are checked (a membership is the one fact everything else derives
    // from), but not by foreign keys: PostgreSQL checks a key row by row, which cost a third of a
    // 100,000-person add. A statement trigger checks and key-share-locks the statement's distinct groups
    // and people at once, and deleting a group or a person removes its memberships once per statement
    // (migration 0030); a membership's group and person never change (a move deletes and inserts).
    // Its company is the group's, and `added_by` is who did it, for display only: a trigger sets it to
    // null when that person is deleted (migration 0005).
    index("group_members_user_idx").on(t.userId),
    index("group_members_company_group_sort_idx").on(t.companyId, t.groupId, t.sortName, t.userId),
    // The sorted pages of the Statistics tab. Progress is every member's (lessons done orders it as the
    // percent does: one course, one denominator); score and activity only of those who have one, the
    // others come after them in name order (lib/statistics/group.ts), so an add of people who have not
    // started writes no entries there.
    index("group_members_group_progress_idx").on(t.groupId, t.lessonsDone, t.sortName, t.userId),
    index("group_members_group_score_idx")
      .on(t.groupId, t.score, t.sortName, t.userId)
      .where(sql`${t.score} is not null`),
    index("group_members_group_activity_idx")
      .on(t.groupId, t.lastActivityAt, t.sortName, t.userId)
      .where(sql`${t.lastActivityAt} is not null`),
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
    at: timestampMs().notNull().defaultNow(),
  },
  (t) => [
    // No foreign keys: a department add writes 10,000 ledger rows, and PostgreSQL checks a key row by
    // row (four checks per person cost more than the inserts). Every row is written from the
    // membership just inserted or deleted in the same statement, whose group and person were checked
    // or locked there; deleting a group or a person removes its rows, and deleting an actor empties
    // `actor_id`, through statement-level triggers (migration 0005), as the keys' cascades did.
    index("membership_events_company_group_at_idx").on(t.companyId, t.groupId, t.at.desc()),
    index("membership_events_user_group_at_idx").on(t.userId, t.groupId, t.at),
  ],
);
export type MembershipEvent = typeof membershipEvents.$inferSelect;

/**
 * The group's realtime epoch: part of the names of its channels (`lib/realtime/channels.ts`), and
 * raised in the same transaction as any change that takes the right to read them from someone who
 * was let onto the current ones (a removal, move, leave, deactivation, demotion). The channels of the
 * old epoch then carry nothing more, whoever still listens there, signed in or not, so revocation
 * holds without ending anyone's connection. A row of its own per group, made by a trigger when the
 * group is made (migration 0016), rather than a column of `learning_groups`: the channel-auth route
 * takes a share lock on it, which must not wait behind the group row's own lock that membership
 * writes hold for their whole transaction.
 */
export const groupChannelEpochs = pgTable(
  "group_channel_epochs",
  {
    groupId: uuid().primaryKey(),
    companyId: uuid().notNull(),
    epoch: integer().notNull().default(0),
  },
  (t) => [fk("group_channel_epochs_group_fk", t.groupId, learningGroups.id, "cascade")],
);

/**
 * A group's figures, kept by statement triggers on `group_members` in the transactions that change
 * them (migrations 0026, 0027), so a page, list, card, report or the Statistics tab shows a group's
 * size and progress without reading its members: `members` counts its current members; the others sum
 * their copied progress (`percent_sum`; the Done and Halfway buckets, Not started being the rest; the
 * histogram's 11 bands of 10 %). A row of its own per group (made by a trigger with the group), not
 * columns of `learning_groups`, whose row membership writes lock already. The daily rollup recomputes
 * them, reports any drift and repairs it (lib/statistics/figures.ts).
 */
export const groupFigures = pgTable(
  "group_figures",
  {
    groupId: uuid().primaryKey(),
    companyId: uuid().notNull(),
    members: integer().notNull().default(0),
    percentSum: bigint({ mode: "number" }).notNull().default(0),
    done: integer().notNull().default(0),
    halfway: integer().notNull().default(0),
    histogram: integer()
      .array()
      .notNull()
      .default(sql`array_fill(0, array[11])`),
  },
  (t) => [
    fk("group_figures_group_fk", t.groupId, learningGroups.id, "cascade"),
    check("group_figures_members_check", sql`${t.members} >= 0`),
    check("group_figures_histogram_check", sql`cardinality(${t.histogram}) = 11`),
  ],
);

/**
 * Who was let onto a group's channels at which epoch, written by the channel-auth route: a change
 * raises the epoch only when one of the people it concerns is here at the current one, so removing
 * people who never subscribed costs the others nothing. Rows of past epochs go when it is raised.
 */
export const groupChannelGrants = pgTable(
  "group_channel_grants",
  {
    groupId: uuid().notNull(),
    /** The group's company, for the row-level wall (every tenant table carries it). */
    companyId: uuid().notNull(),
    epoch: integer().notNull(),
    userId: uuid().notNull(),
    grantedAt: timestampMs().notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "group_channel_grants_pk", columns: [t.groupId, t.epoch, t.userId] }),
    fk("group_channel_grants_group_fk", t.groupId, groupChannelEpochs.groupId, "cascade"),
    fk("group_channel_grants_user_fk", t.userId, users.id, "cascade"),
    fk("group_channel_grants_company_fk", t.companyId, companies.id, "cascade"),
    index("group_channel_grants_user_idx").on(t.userId),
  ],
);
