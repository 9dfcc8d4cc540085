import "server-only";
import { currentTime } from "@/base/clock";
import { type SQL, sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import type { GroupVisibility } from "@/db/schema";
import { afterPosition, escapeLike, type SortPosition } from "@/db/sql";
import { type Ctx, isAdmin } from "@/lib/auth/viewer";
import { type Page, pageWindow } from "@/lib/pagination";
import { assertCan } from "@/lib/permissions";
import { csvResponse } from "@/lib/statistics/csv";
import { memberCountSql } from "@/lib/membership-core/member-count";

export const REPORTS_PAGE_SIZE = 25;
/** Rows per batch of the CSV download: the whole report streams without sitting in memory. */
export const REPORT_CSV_BATCH = 500;

export const REPORT_STATUSES = ["all", "active", "archived"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const REPORT_SORTS = ["name", "members", "average"] as const;
export type ReportSort = (typeof REPORT_SORTS)[number];
export const SORT_DIRECTIONS = ["asc", "desc"] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

export type ReportFilters = {
  courseId?: string | null;
  status: ReportStatus;
  visibility?: GroupVisibility | null;
  search?: string;
  sort?: ReportSort;
  direction?: SortDirection;
};

export type ReportRow = {
  id: string;
  name: string;
  courseTitle: string | null;
  archived: boolean;
  visibility: GroupVisibility;
  ownerName: string;
  /** Current members; admins who are not members are not among them. */
  members: number;
  /** The members' average progress in the linked course, 0–100 to one decimal; null without a course or members. */
  average: number | null;
  /** The three buckets of `bucketOf`; null without a linked course. */
  done: number | null;
  halfway: number | null;
  notStarted: number | null;
  /** Open assignments that came through the group and are past their deadline (any course). */
  overdue: number;
};

export type ReportPage = Page<ReportRow> & {
  /** Rows open the group's Statistics tab: admins may; HR staff read the report only. */
  canOpenStatistics: boolean;
};

function whereOf(ctx: Ctx, filters: ReportFilters): SQL {
  const term = filters.search?.trim();
  return sql.join(
    [
      sql`g.company_id = ${ctx.companyId}`,
      filters.status === "active" ? sql`g.archived_at is null` : null,
      filters.status === "archived" ? sql`g.archived_at is not null` : null,
      filters.courseId ? sql`g.course_id = ${filters.courseId}` : null,
      filters.visibility ? sql`g.visibility = ${filters.visibility}` : null,
      term ? sql`g.name ilike ${`%${escapeLike(term)}%`}` : null,
    ].filter((condition) => condition !== null),
    sql` and `,
  );
}

/**
 * The average percent of a group's current members from its maintained figures (`group_figures`),
 * null for a group without a course or without members. `group` names a row with `id` and `course_id`.
 */
const averageOf = (group: string) => {
  const g = sql.identifier(group);
  return sql`(select case when ${g}.course_id is not null then f.percent_sum::numeric / nullif(f.members, 0) end
              from group_figures f where f.group_id = ${g}.id)`;
};

/** What a group is sorted by, as a key over `matched g`: every key a maintained figure or the name. */
const SORT_KEYS: Record<ReportSort, SQL> = {
  name: sql`lower(g.name)`,
  members: memberCountSql(sql`g.id`),
  average: averageOf("g"),
};

/** Which rows of the sorted report to read: a page by its offset, or a download's next batch after the last. */
type ReportWindow = { limit: number; offset: number } | { limit: number; after: SortPosition | null };

type PositionedRow = ReportRow & { sortKey: string | number | null; sortName: string };

/**
 * One window of the report, in one statement: the matching groups are sorted and limited first, then
 * only those rows get their figures, the maintained ones (never their members, never completions).
 * A member without progress has not started: they count as 0 % and "Not started yet".
 */
async function readRows(
  db: DatabaseOrTransaction,
  ctx: Ctx,
  filters: ReportFilters,
  window: ReportWindow,
  now: Date,
): Promise<{ row: ReportRow; position: SortPosition }[]> {
  const direction = filters.direction === "desc" ? "desc" : "asc";
  // Inside the CTE only a bare output name may be ordered by, so the key is named without its table.
  const order = (alias: string, key: SQL) => {
    const a = sql.identifier(alias);
    return sql`${key} ${sql.raw(direction)} nulls last, lower(${a}.name) ${sql.raw(direction)}, ${a}.id ${sql.raw(direction)}`;
  };
  const sort = filters.sort ?? "name";
  const resume =
    "after" in window && window.after
      ? sql`where ${afterPosition({ key: sql`sort_key`, name: sql`lower(g.name)`, id: sql`g.id` }, window.after, { key: direction, ties: direction }, sort === "name" ? "text" : "numeric")}`
      : sql``;
  const rows = await queryRows<PositionedRow>(
    db,
    sql`with matched as materialized (
          select g.id, g.name, g.course_id, g.visibility, g.archived_at, g.owner_id
          from learning_groups g
          where ${whereOf(ctx, filters)}
        ),
        on_page as (
          select * from (select g.*, ${SORT_KEYS[sort]} as sort_key from matched g) g
          ${resume}
          order by ${order("g", sql`sort_key`)}
          limit ${window.limit} ${"offset" in window ? sql`offset ${window.offset}` : sql``}
        )
        select p.id, p.name, c.title as "courseTitle", p.archived_at is not null as archived, p.visibility,
               o.name as "ownerName", f.members,
               case when p.course_id is not null then round(${averageOf("p")}, 1)::float8 end as average,
               case when p.course_id is not null then f.done end as done,
               case when p.course_id is not null then f.halfway end as halfway,
               case when p.course_id is not null then f.members - f.done - f.halfway end as "notStarted",
               (select count(*)::int from assignments a
                 where a.group_id = p.id and a.company_id = ${ctx.companyId}
                   and a.status = 'open' and a.due_at <= ${now}) as overdue,
               p.sort_key as "sortKey", lower(p.name) as "sortName"
        from on_page p
        join users o on o.id = p.owner_id
        join group_figures f on f.group_id = p.id
        left join courses c on c.id = p.course_id
        order by ${order("p", sql`p.sort_key`)}`,
  );
  return rows.map(({ sortKey, sortName, ...row }) => ({ row, position: { key: sortKey, name: sortName, id: row.id } }));
}

/**
 * "Reports": every group of the company, archived ones included, with its members and their
 * progress in its linked course; filtered, sorted and a page at a time. Admins and HR staff.
 */
export async function listReports(
  db: DatabaseOrTransaction,
  ctx: Ctx,
  options: ReportFilters & { page?: number; now?: Date },
): Promise<ReportPage> {
  assertCan(ctx, "reports.view");
  const { page, limit, offset } = pageWindow(options.page, REPORTS_PAGE_SIZE);
  const [rows, [total]] = await Promise.all([
    readRows(db, ctx, options, { limit, offset }, options.now ?? currentTime()).then((rows) => rows.map(({ row }) => row)),
    queryRows<{ value: number }>(db, sql`select count(*)::int as value from learning_groups g where ${whereOf(ctx, options)}`),
  ]);
  return { rows, total: total?.value ?? 0, page, pageSize: REPORTS_PAGE_SIZE, canOpenStatistics: isAdmin(ctx) };
}

/** The whole filtered report in the page's order, batch by batch, for the CSV download. */
export async function* reportBatches(
  db: DatabaseOrTransaction,
  ctx: Ctx,
  filters: ReportFilters,
  batchSize = REPORT_CSV_BATCH,
): AsyncGenerator<ReportRow[]> {
  assertCan(ctx, "reports.view");
  // One moment for the whole download, so a batch read a second later counts overdue the same way.
  const now = currentTime();
  let after: SortPosition | null = null;
  for (;;) {
    const rows = await readRows(db, ctx, filters, { limit: batchSize, after }, now);
    if (rows.length > 0) yield rows.map(({ row }) => row);
    if (rows.length < batchSize) return;
    after = rows.at(-1)!.position;
  }
}

/** The words of the CSV that depend on the reader's language. */
export type ReportCsvLabels = {
  header: readonly string[];
  status: (archived: boolean) => string;
  visibility: (visibility: GroupVisibility) => string;
};

/**
 * The filtered report as a streamed CSV, every page of it, in the page's order. Figures a group
 * without a course does not have are empty cells, which spreadsheets sum and sort correctly.
 */
export function reportCsv(
  db: DatabaseOrTransaction,
  ctx: Ctx,
  filters: ReportFilters,
  labels: ReportCsvLabels,
  filename: string,
): Response {
  assertCan(ctx, "reports.view");
  async function* lines() {
    for await (const rows of reportBatches(db, ctx, filters)) {
      yield rows.map((row) => [
        row.name,
        row.courseTitle,
        labels.status(row.archived),
        labels.visibility(row.visibility),
        row.ownerName,
        row.members,
        row.average,
        row.done,
        row.halfway,
        row.notStarted,
        row.overdue,
      ]);
    }
  }
  return csvResponse(filename, labels.header, lines());
}
