import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import { escapeLike, foldedNameLike } from "@/db/sql";
import type { Ctx } from "@/lib/auth/viewer";
import { notFound } from "@/lib/errors";
import { type GroupAccess, granted } from "@/lib/group-access/access";
import { type Page, pageWindow } from "@/lib/pagination";
import { BUCKETS, type Bucket, bucketOf } from "./buckets";

/** The course a group's statistics are about: only its owner and the company's admins reach it. */
export type StatisticsScope = { groupId: string; groupName: string; courseId: string; courseTitle: string };

/**
 * The group and its linked course, for whoever may see its statistics; everyone else, and a group
 * without a course, gets not found — the same answer as for a group that does not exist.
 */
export async function getStatisticsScope(db: DatabaseOrTransaction, ctx: Ctx, access: GroupAccess): Promise<StatisticsScope> {
  const groupId = granted(ctx, access, "canSeeStatistics").groupId;
  const [row] = await queryRows<StatisticsScope>(
    db,
    sql`select g.id as "groupId", g.name as "groupName", c.id as "courseId", c.title as "courseTitle"
        from learning_groups g join courses c on c.id = g.course_id
        where g.id = ${groupId} and g.company_id = ${ctx.companyId}`,
  );
  if (!row) throw notFound();
  return row;
}

/**
 * What the group's Statistics tab shows, for its owner and the company's admins: the linked course's
 * figures (with the group's assignment figures beside them), only the assignment figures for a group
 * without a course that assignments came through or a rule keeps assigning from, or no tab (null).
 */
export type StatisticsTabKind = "course" | "assignments";

export async function getStatisticsTabKind(db: DatabaseOrTransaction, ctx: Ctx, access: GroupAccess): Promise<StatisticsTabKind | null> {
  if (!access.canSeeStatistics) return null;
  const groupId = granted(ctx, access).groupId;
  const [row] = await queryRows<{ hasCourse: boolean; hasAssignments: boolean }>(
    db,
    sql`select g.course_id is not null as "hasCourse",
               (exists (select 1 from assignments a where a.group_id = g.id and a.company_id = g.company_id)
                or exists (select 1 from assignment_rules r where r.group_id = g.id and r.company_id = g.company_id)) as "hasAssignments"
        from learning_groups g
        where g.id = ${groupId} and g.company_id = ${ctx.companyId}`,
  );
  if (!row) return null;
  return row.hasCourse ? "course" : row.hasAssignments ? "assignments" : null;
}

/** Histogram bands of 10 %: 0–9, 10–19, … 90–99, and 100 on its own (done). */
export const HISTOGRAM_BANDS = 11;

export type GroupStatistics = StatisticsScope & {
  members: number;
  /** Average percent over the current members, those without progress counting as 0; one decimal. */
  averagePercent: number;
  buckets: Record<Bucket, { count: number; percent: number }>;
  /** Members per band, `HISTOGRAM_BANDS` long. */
  histogram: number[];
};

const share = (count: number, total: number) => (total === 0 ? 0 : Math.round((100 * count) / total));

/**
 * The Statistics tab's figures over the group's current members (an admin who is not a member does
 * not count): the row the triggers keep (`group_figures`, migration 0027), read with the group's scope
 * in one statement however many members; never an aggregate over them. Not started is what is
 * neither Done nor in progress (`halfway`).
 */
export async function getGroupStatistics(db: DatabaseOrTransaction, ctx: Ctx, access: GroupAccess): Promise<GroupStatistics> {
  const groupId = granted(ctx, access, "canSeeStatistics").groupId;
  const [row] = await queryRows<StatisticsScope & { members: number; average: number; done: number; halfway: number; histogram: number[] }>(
    db,
    sql`select g.id as "groupId", g.name as "groupName", c.id as "courseId", c.title as "courseTitle",
               f.members, coalesce(round(f.percent_sum::numeric / nullif(f.members, 0), 1), 0)::float8 as average,
               f.done, f.halfway, f.histogram
        from learning_groups g join courses c on c.id = g.course_id join group_figures f on f.group_id = g.id
        where g.id = ${groupId} and g.company_id = ${ctx.companyId}`,
  );
  if (!row) throw notFound();
  const { members, average, done, halfway, histogram, ...scope } = row;
  const counts: Record<Bucket, number> = { done, halfway, notStarted: members - done - halfway };
  const buckets = Object.fromEntries(
    BUCKETS.map((bucket) => [bucket, { count: counts[bucket], percent: share(counts[bucket], members) }]),
  ) as GroupStatistics["buckets"];
  return { ...scope, members, averagePercent: average, buckets, histogram };
}

export const STATISTICS_MEMBERS_PAGE_SIZE = 50;
export const MEMBER_SORTS = ["name", "progress", "score", "activity"] as const;
export type MemberSort = (typeof MEMBER_SORTS)[number];
export type SortDirection = "asc" | "desc";

export type StatisticsMemberRow = {
  userId: string;
  name: string;
  email: string;
  departmentName: string | null;
  lessonsDone: number;
  percent: number;
  score: number | null;
  bucket: Bucket;
  lastActivityAt: Date | null;
  completedAt: Date | null;
};

// Every figure from the membership row's copy of the member's progress (migration 0027).
const memberColumns = sql`u.id as "userId", u.name, u.email, d.name as "departmentName",
  m.lessons_done as "lessonsDone", m.percent, m.score, ${bucketOf("m")} as bucket,
  m.last_activity_at as "lastActivityAt", m.completed_at as "completedAt"`;

const memberJoins = sql`join users u on u.id = m.user_id left join departments d on d.id = u.department_id`;

const toDate = (value: Date | string | null) => (value === null ? null : new Date(value));
const readMembers = (rows: StatisticsMemberRow[]) =>
  rows.map((row) => ({ ...row, lastActivityAt: toDate(row.lastActivityAt), completedAt: toDate(row.completedAt) }));

/**
 * What each sort orders by, over the membership row. Progress is every member's (lessons done order
 * the members as their percent does: one course for all); score and last activity only some members
 * have, and those without come last in either direction.
 */
const sortKey: Record<Exclude<MemberSort, "name">, { key: SQL; nullable: boolean }> = {
  progress: { key: sql`m.lessons_done`, nullable: false },
  score: { key: sql`m.score`, nullable: true },
  activity: { key: sql`m.last_activity_at`, nullable: true },
};

/**
 * The member table: sorted by name, progress, score or last activity (members without a score or
 * activity last either way), searched by name, a page at a time; ties go by name in the sort's
 * direction, so every sorted page is read in the order of an index, 50 rows however big the group.
 */
export async function listStatisticsMembers(
  db: DatabaseOrTransaction,
  ctx: Ctx,
  access: GroupAccess,
  options: MemberTableOptions = {},
): Promise<Page<StatisticsMemberRow>> {
  return readMemberPage(db, ctx, await getStatisticsScope(db, ctx, access), options);
}

export type MemberTableOptions = { search?: string; sort?: MemberSort; direction?: SortDirection; page?: number };

/**
 * The whole tab, as the page opens it: the scope and figures in one statement, then the table's page;
 * without a search the figures' member count is the table's total.
 */
export async function getStatisticsTab(
  db: DatabaseOrTransaction,
  ctx: Ctx,
  access: GroupAccess,
  options: MemberTableOptions = {},
): Promise<{ statistics: GroupStatistics; members: Page<StatisticsMemberRow> }> {
  const statistics = await getGroupStatistics(db, ctx, access);
  const searching = Boolean(options.search?.trim());
  const members = await readMemberPage(db, ctx, statistics, options, searching ? undefined : statistics.members);
  return { statistics, members };
}

async function readMemberPage(
  db: DatabaseOrTransaction,
  ctx: Ctx,
  scope: StatisticsScope,
  options: MemberTableOptions,
  knownTotal?: number,
): Promise<Page<StatisticsMemberRow>> {
  const { page, limit, offset } = pageWindow(options.page, STATISTICS_MEMBERS_PAGE_SIZE);
  const term = options.search?.trim();
  const where = sql`m.company_id = ${ctx.companyId} and m.group_id = ${scope.groupId}
    ${term ? sql`and ${foldedNameLike(sql`fold_name(m.sort_name)`, `%${escapeLike(term)}%`)}` : sql``}`;
  const direction = options.direction === "desc" ? sql`desc` : sql`asc`;
  const sort = options.sort ?? "name";
  const { key, nullable } = sort === "name" ? { key: null, nullable: false } : sortKey[sort];
  // The page's members are found by their keys alone, in an index's order, and only they are joined.
  const keys = (condition: SQL, sortedBy: SQL | null) =>
    sql`select m.user_id, m.sort_name, ${sortedBy ?? sql`null`} as sort_key from group_members m
        where ${where} and ${condition}
        order by ${sortedBy ? sql`${sortedBy} ${direction}, ` : sql``}m.sort_name ${direction}, m.user_id ${direction}
        limit ${offset + limit}`;
  // A key some members lack is two index walks, those who have it and then those who do not, each
  // stopped at the page's end; one ORDER BY with NULLS LAST would sort the whole group.
  const candidates = nullable
    ? sql`(${keys(sql`${key} is not null`, key)}) union all (${keys(sql`${key} is null`, null)})`
    : keys(sql`true`, key);
  const order = sql`k.sort_key is null, k.sort_key ${direction}, k.sort_name ${direction}, k.user_id ${direction}`;
  const query = sql`select ${memberColumns}
    from (select k.user_id, row_number() over (order by ${order}) as place from (${candidates}) k
          order by ${order} limit ${limit} offset ${offset}) page
    join group_members m on m.group_id = ${scope.groupId} and m.company_id = ${ctx.companyId} and m.user_id = page.user_id
    ${memberJoins}
    order by page.place`;
  const [rows, total] = await Promise.all([
    queryRows<StatisticsMemberRow>(db, query),
    knownTotal ??
      queryRows<{ value: number }>(db, sql`select count(*)::int as value from group_members m where ${where}`).then(
        ([row]) => row?.value ?? 0,
      ),
  ]);
  return { rows: readMembers(rows), total, page, pageSize: STATISTICS_MEMBERS_PAGE_SIZE };
}

export const CSV_BATCH_SIZE = 1000;

/**
 * Every member of the table in name order, `batchSize` at a time by keyset, so a 10,000-member
 * export never holds the group in memory. Access is checked before the first batch is asked for:
 * the route answers 404 before it starts streaming.
 */
export async function exportStatisticsMembers(
  db: DatabaseOrTransaction,
  ctx: Ctx,
  access: GroupAccess,
  batchSize = CSV_BATCH_SIZE,
): Promise<{ scope: StatisticsScope; batches: AsyncIterable<StatisticsMemberRow[]> }> {
  const scope = await getStatisticsScope(db, ctx, access);
  const groupId = scope.groupId;
  async function* batches() {
    let after: { sortName: string; userId: string } | null = null;
    for (;;) {
      const rows: (StatisticsMemberRow & { sortName: string })[] = await queryRows(
        db,
        sql`select ${memberColumns}, m.sort_name as "sortName" from group_members m ${memberJoins}
            where m.company_id = ${ctx.companyId} and m.group_id = ${groupId}
            ${after ? sql`and (m.sort_name, m.user_id) > (${after.sortName}, ${after.userId}::uuid)` : sql``}
            order by m.sort_name, m.user_id limit ${batchSize}`,
      );
      if (rows.length === 0) return;
      yield readMembers(rows);
      const last = rows.at(-1)!;
      after = { sortName: last.sortName, userId: last.userId };
      if (rows.length < batchSize) return;
    }
  }
  return { scope, batches: batches() };
}
