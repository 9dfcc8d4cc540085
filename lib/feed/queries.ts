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
 * The group's feed between bounds, in one statement: events on the linked course by people inside
 * one of their membership periods in this group (the ledger: the latest ledger row at or before
 * the event is an `added`), and the praise said in this group's chat. Each branch walks its own
 * index in `(created_at, id)` order and stops at `limit`, so a page costs the same at any depth.
 */
async function readFeed(db: DatabaseOrTransaction, ctx: Ctx, groupId: string, courseId: string, bound: Bound): Promise<Row[]> {
  const newer = bound.direction === "newer";
  // Spelled as the indexes store it (drizzle's `desc` is NULLS LAST), so each branch reads its index
  // in order and stops at the limit instead of sorting every matching event.
  const order = newer ? sql`asc nulls first` : sql`desc nulls last`;
  const position: SQL = bound.cursor
    ? newer
      ? sql`and (e.created_at, e.id) > (${bound.cursor.createdAt}::timestamptz, ${bound.cursor.id}::uuid)`
      : sql`and (e.created_at, e.id) < (${bound.cursor.createdAt}::timestamptz, ${bound.cursor.id}::uuid)`
    : sql``;
  const columns = sql`e.id, e.created_at, e.user_id, e.type, e.badge, e.certificate_id, e.message_id, e.payload`;
  return queryRows<Row>(
    db,
    sql`with feed as (
          (select ${columns} from activity_events e
           where e.company_id = ${ctx.companyId} and e.course_id = ${courseId} and e.type <> 'praise' ${position}
             and (select m.kind from membership_events m
                  where m.user_id = e.user_id and m.group_id = ${groupId} and m.company_id = ${ctx.companyId}
                    and m.at <= e.created_at
                  order by m.at desc, m.id desc limit 1) = 'added'
           order by e.created_at ${order}, e.id ${order} limit ${bound.limit})
          union all
          (select ${columns} from activity_events e
           where e.group_id = ${groupId} and e.company_id = ${ctx.companyId} and e.type = 'praise' ${position}
           order by e.created_at ${order}, e.id ${order} limit ${bound.limit})
        )
        select f.id, f.type, f.created_at as "createdAt", f.user_id as "userId", u.name as "userName",
               f.payload->>'lessonTitle' as "lessonTitle", (f.payload->>'score')::int as score, f.badge,
               f.certificate_id as "certificateId", f.payload->>'serial' as serial, (f.payload->>'days')::int as "streakDays",
               case when f.type = 'praise' then coalesce(praised.name, f.payload->>'praisedUserName') end as "praisedName",
               case when f.type = 'praise' then coalesce(msg.body, f.payload->>'text') end as "praiseText"
        from feed f
        join users u on u.id = f.user_id
        left join group_messages msg on msg.id = f.message_id and msg.group_id = ${groupId}
        left join users praised on praised.id = msg.praised_user_id
        order by f.created_at ${order}, f.id ${order}
        limit ${bound.limit}`,
  );
}

const toEntry = (row: Row): FeedEntry => ({ ...row, createdAt: new Date(row.createdAt).toISOString() });

/** The group's linked course (the caller's access checked by the caller); not found without one. */
async function feedCourse(db: DatabaseOrTransaction, ctx: Ctx, groupId: string): Promise<string> {
  const [group] = await db
    .select({ courseId: learningGroups.courseId })
    .from(learningGroups)
    .where(and(eq(learningGroups.id, groupId), eq(learningGroups.companyId, ctx.companyId)));
  if (!group?.courseId) throw notFound();
  return group.courseId;
}

/** The Activity tab: a page of the group's feed, newest first, older than `before` when given. */
export async function listFeed(
  db: DatabaseOrTransaction,
  ctx: Ctx,
  access: GroupAccess,
  options: { before?: FeedCursor | null } = {},
): Promise<FeedPage> {
  const groupId = granted(ctx, access, "canRead").groupId;
  const courseId = await feedCourse(db, ctx, groupId);
  const rows = await readFeed(db, ctx, groupId, courseId, {
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
  const courseId = await feedCourse(db, ctx, groupId);
  const rows = await readFeed(db, ctx, groupId, courseId, { direction: "newer", cursor: after, limit: FEED_SINCE_LIMIT + 1 });
  return { entries: rows.slice(0, FEED_SINCE_LIMIT).map(toEntry).reverse(), complete: rows.length <= FEED_SINCE_LIMIT };
}
