import "server-only";
import { and, eq, type SQL, sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import { learningGroups } from "@/db/schema";
import type { Ctx } from "@/lib/auth/viewer";
import { notFound } from "@/lib/errors";
import { type GroupAccess, granted } from "@/lib/group-access/access";
import type { FeedCursor, FeedEntry, FeedPage, FeedSince } from "./types";

export const FEED_PAGE_SIZE = 30;
/** A resync after a long drop fetches at most this many newer entries; beyond that the client starts over. */
export const FEED_SINCE_LIMIT = 100;

type Bound = { direction: "older" | "newer"; cursor: FeedCursor | null; limit: number };

type Row = Omit<FeedEntry, "createdAt"> & { createdAt: Date | string };

/**
 * The group's feed between bounds, in one statement: its rows in `group_feed` (fanned out when each
 * event was written: events on the linked course by people while they were members, and the praise
 * said in this group's chat; migration 0025), read in the primary key's order and stopped at
 * `limit`, so a page costs the same at any depth, on any course, in a group of any size.
 */
async function readFeed(db: DatabaseOrTransaction, ctx: Ctx, groupId: string, bound: Bound): Promise<Row[]> {
  const newer = bound.direction === "newer";
  const order = newer ? sql`asc` : sql`desc`;
  const position: SQL = bound.cursor
    ? newer
      ? sql`and (f.created_at, f.event_id) > (${bound.cursor.createdAt}::timestamptz, ${bound.cursor.id}::uuid)`
      : sql`and (f.created_at, f.event_id) < (${bound.cursor.createdAt}::timestamptz, ${bound.cursor.id}::uuid)`
    : sql``;
  return queryRows<Row>(
    db,
    sql`select e.id, e.type, e.created_at as "createdAt", e.user_id as "userId", u.name as "userName", c.title as "courseTitle",
               e.payload->>'lessonTitle' as "lessonTitle", (e.payload->>'score')::int as score, e.badge,
               e.certificate_id as "certificateId", e.payload->>'serial' as serial, (e.payload->>'days')::int as "streakDays",
               case when e.type = 'praise' then coalesce(praised.name, e.payload->>'praisedUserName') end as "praisedName",
               case when e.type = 'praise' then coalesce(msg.body, e.payload->>'text') end as "praiseText"
        from group_feed f
        join activity_events e on e.id = f.event_id
        join users u on u.id = e.user_id
        join courses c on c.id = e.course_id and c.company_id = ${ctx.companyId}
        left join group_messages msg on msg.id = e.message_id and msg.group_id = ${groupId}
        left join users praised on praised.id = msg.praised_user_id
        where f.group_id = ${groupId} and f.company_id = ${ctx.companyId} ${position}
        order by f.created_at ${order}, f.event_id ${order}
        limit ${bound.limit}`,
  );
}

const toEntry = (row: Row): FeedEntry => ({ ...row, createdAt: new Date(row.createdAt).toISOString() });

/** A group without a linked course has no feed (the caller's access checked by the caller): not found. */
async function assertHasCourse(db: DatabaseOrTransaction, ctx: Ctx, groupId: string): Promise<void> {
  const [group] = await db
    .select({ courseId: learningGroups.courseId })
    .from(learningGroups)
    .where(and(eq(learningGroups.id, groupId), eq(learningGroups.companyId, ctx.companyId)));
  if (!group?.courseId) throw notFound();
}

/** The Activity tab: a page of the group's feed, newest first, older than `before` when given. */
export async function listFeed(
  db: DatabaseOrTransaction,
  ctx: Ctx,
  access: GroupAccess,
  options: { before?: FeedCursor | null } = {},
): Promise<FeedPage> {
  const groupId = granted(ctx, access, "canRead").groupId;
  await assertHasCourse(db, ctx, groupId);
  const rows = await readFeed(db, ctx, groupId, {
    direction: "older",
    cursor: options.before ?? null,
    limit: FEED_PAGE_SIZE + 1,
  });
  return { entries: rows.slice(0, FEED_PAGE_SIZE).map(toEntry), hasMore: rows.length > FEED_PAGE_SIZE };
}

/**
 * After a reconnect: the entries newer than the newest one the client holds, newest first.
 * `complete` is false when more than `FEED_SINCE_LIMIT` arrived meanwhile; the client then reloads the first page.
 */
export async function listFeedSince(db: DatabaseOrTransaction, ctx: Ctx, access: GroupAccess, after: FeedCursor): Promise<FeedSince> {
  const groupId = granted(ctx, access, "canRead").groupId;
  await assertHasCourse(db, ctx, groupId);
  const rows = await readFeed(db, ctx, groupId, { direction: "newer", cursor: after, limit: FEED_SINCE_LIMIT + 1 });
  return { entries: rows.slice(0, FEED_SINCE_LIMIT).map(toEntry).reverse(), complete: rows.length <= FEED_SINCE_LIMIT };
}
