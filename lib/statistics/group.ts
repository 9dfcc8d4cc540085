import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import { escapeLike } from "@/db/sql";
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
 * not count): one statement over course_progress, never over lesson_completions.
 */
export async function getGroupStatistics(db: DatabaseOrTransaction, ctx: Ctx, access: GroupAccess): Promise<GroupStatistics> {
  return readStatistics(db, ctx, await getStatisticsScope(db, ctx, access));
}

async function readStatistics(db: DatabaseOrTransaction, ctx: Ctx, scope: StatisticsScope): Promise<GroupStatistics> {
  const groupId = scope.groupId;
  const bands = Array.from({ length: HISTOGRAM_BANDS }, (_, band) => sql`count(*) filter (where band = ${band})::int`);
  const [row] = await queryRows<{
    members: number;
    average: number;
    done: number;
    halfway: number;
    notStarted: number;
    histogram: number[];
  }>(
    db,
    sql`select count(*)::int as members,
               coalesce(round(avg(percent), 1), 0)::float8 as average,
               count(*) filter (where bucket = 'done')::int as done,
               count(*) filter (where bucket = 'halfway')::int as halfway,
               count(*) filter (where bucket = 'notStarted')::int as "notStarted",
               array[${sql.join(bands, sql`, `)}] as histogram
        from (
          select ${bucketOf("p")} as bucket, coalesce(p.percent, 0) as percent, least(coalesce(p.percent, 0) / 10, 10) as band
          from group_members m
          left join course_progress p on p.user_id = m.user_id and p.course_id = ${scope.courseId}
          where m.company_id = ${ctx.companyId} and m.group_id = ${groupId}
        ) members`,
  );
  const members = row?.members ?? 0;
  const buckets = Object.fromEntries(
    BUCKETS.map((bucket) => [bucket, { count: row?.[bucket] ?? 0, percent: share(row?.[bucket] ?? 0, members) }]),
  ) as GroupStatistics["buckets"];
  return { ...scope, members, averagePercent: row?.average ?? 0, buckets, histogram: row?.histogram ?? Array(HISTOGRAM_BANDS).fill(0) };
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

const memberColumns = sql`u.id as "userId", u.name, u.email, d.name as "departmentName",
  coalesce(p.lessons_done, 0)::int as "lessonsDone", coalesce(p.percent, 0)::int as percent, p.score,
  ${bucketOf("p")} as bucket, p.last_activity_at as "lastActivityAt", p.completed_at as "completedAt"`;

const memberJoins = (scope: StatisticsScope) => sql`join users u on u.id = m.user_id
  left join departments d on d.id = u.department_id
  left join course_progress p on p.user_id = m.user_id and p.course_id = ${scope.courseId}`;

const toDate = (value: Date | string | null) => (value === null ? null : new Date(value));
const readMembers = (rows: StatisticsMemberRow[]) =>
  rows.map((row) => ({ ...row, lastActivityAt: toDate(row.lastActivityAt), completedAt: toDate(row.completedAt) }));

const sortKey: Record<Exclude<MemberSort, "name">, SQL> = {
  progress: sql`coalesce(p.percent, 0)`,
  score: sql`p.score`,
  activity: sql`p.last_activity_at`,
};

/**
 * The member table: sorted by name, progress, score or last activity (members without a score or
 * activity last either way), searched by name, a page at a time; ties go by name so pages are stable.
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
 * The whole tab, as the page opens it: access is checked once, then the figures and the table's page
 * are read side by side; without a search the figures' member count is the table's total.
 */
export async function getStatisticsTab(
  db: DatabaseOrTransaction,
  ctx: Ctx,
  access: GroupAccess,
  options: MemberTableOptions = {},
): Promise<{ statistics: GroupStatistics; members: Page<StatisticsMemberRow> }> {
  const scope = await getStatisticsScope(db, ctx, access);
  const searching = Boolean(options.search?.trim());
  const statistics = readStatistics(db, ctx, scope);
  const members = await readMemberPage(db, ctx, scope, options, searching ? undefined : statistics.then((s) => s.members));
  return { statistics: await statistics, members };
}

async function readMemberPage(
  db: DatabaseOrTransaction,
  ctx: Ctx,
  scope: StatisticsScope,
  options: MemberTableOptions,
  knownTotal?: Promise<number>,
): Promise<Page<StatisticsMemberRow>> {
  const groupId = scope.groupId;
  const { page, limit, offset } = pageWindow(options.page, STATISTICS_MEMBERS_PAGE_SIZE);
  const term = options.search?.trim();
  const where = sql`m.company_id = ${ctx.companyId} and m.group_id = ${groupId}
    ${term ? sql`and m.sort_name ilike ${`%${escapeLike(term)}%`}` : sql``}`;
  const direction = options.direction === "desc" ? sql`desc` : sql`asc`;
  const sort = options.sort ?? "name";
  const order =
    sort === "name"
      ? sql`m.sort_name ${direction}, m.user_id ${direction}`
      : sql`${sortKey[sort]} ${direction} nulls last, m.sort_name, m.user_id`;
  const [rows, total] = await Promise.all([
    queryRows<StatisticsMemberRow>(
      db,
      sql`select ${memberColumns} from group_members m ${memberJoins(scope)}
          where ${where} order by ${order} limit ${limit} offset ${offset}`,
    ),
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
        sql`select ${memberColumns}, m.sort_name as "sortName" from group_members m ${memberJoins(scope)}
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
