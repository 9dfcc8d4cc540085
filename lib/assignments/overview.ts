import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import { afterPosition, escapeLike, type SortPosition } from "@/db/sql";
import type { Ctx } from "@/lib/auth/viewer";
import { currentTime } from "@/base/clock";
import { notFound } from "@/lib/errors";
import { type GroupAccess, granted } from "@/lib/group-access/access";
import { type Page, pageWindow } from "@/lib/pagination";
import { assertCan } from "@/lib/permissions";
import { csvResponse } from "@/lib/statistics/csv";
import { type AssignmentRow, type ShownStatus, shownStatusSql } from "./queries";

/**
 * "Mandatory assignments", the admin overview: per course, or per group an assignment came through,
 * how many are assigned (open + done), done, open (overdue included) and overdue. Waived ones count
 * nowhere. The figures are sums over the maintained counts (`assignment_counts`, a handful of rows
 * per course), never a grouping of every assignment; a person's list (the drill-down) reads the
 * assignments themselves, a page at a time.
 */

export const OVERVIEW_VIEWS = ["course", "group"] as const;
export type OverviewView = (typeof OVERVIEW_VIEWS)[number];
export const OVERVIEW_SORTS = ["name", "assigned", "done", "open", "overdue"] as const;
export type OverviewSort = (typeof OVERVIEW_SORTS)[number];
export const OVERVIEW_STATUSES = ["all", "overdue"] as const;
export type OverviewStatus = (typeof OVERVIEW_STATUSES)[number];

export type OverviewFilters = {
  courseId?: string | null;
  groupId?: string | null;
  /** `overdue`: only rows with at least one overdue assignment. */
  status?: OverviewStatus;
  /** Part of the course title (by course) or the group name (by group). */
  search?: string;
  sort?: OverviewSort;
  direction?: "asc" | "desc";
};

/** The overview as a page asks for it: the tab, and its filters with their defaults filled in. */
export type OverviewQuery = Required<Omit<OverviewFilters, "courseId" | "groupId">> & OverviewFilters & { view: OverviewView };

export type AssignmentFigures = { assigned: number; done: number; open: number; overdue: number };
export type OverviewRow = AssignmentFigures & { id: string; name: string };

export const OVERVIEW_PAGE_SIZE = 25;
export const OVERVIEW_CSV_BATCH = 500;

/** The four figures over the maintained counts aliased `k`, at `now`. */
const figuresSql = (now: Date): SQL => sql`coalesce(sum(k.assignments), 0)::int as assigned,
  coalesce(sum(k.assignments) filter (where k.status = 'done'), 0)::int as done,
  coalesce(sum(k.assignments) filter (where k.status = 'open'), 0)::int as open,
  coalesce(sum(k.assignments) filter (where k.status = 'open' and k.due_at <= ${now}), 0)::int as overdue`;

/** Per view: what a row is (its id and name) and how the counts reach it. */
const VIEWS: Record<OverviewView, { id: SQL; name: SQL; from: SQL }> = {
  course: { id: sql`c.id`, name: sql`c.title`, from: sql`assignment_counts k join courses c on c.id = k.course_id` },
  group: {
    id: sql`g.id`,
    name: sql`g.name`,
    from: sql`assignment_counts k join learning_groups g on g.id = k.group_id and g.company_id = k.company_id`,
  },
};

function matched(ctx: Ctx, view: OverviewView, filters: OverviewFilters, now: Date): SQL {
  const { id, name, from } = VIEWS[view];
  const term = filters.search?.trim();
  const where = [
    sql`k.company_id = ${ctx.companyId}`,
    filters.courseId ? sql`k.course_id = ${filters.courseId}` : null,
    filters.groupId ? sql`k.group_id = ${filters.groupId}` : null,
    term ? sql`${name} ilike ${`%${escapeLike(term)}%`}` : null,
  ].filter((condition) => condition !== null);
  // Counts that fell to zero stay as rows: a course or group shows while it has an assignment.
  const having = [
    sql`sum(k.assignments) > 0`,
    filters.status === "overdue" ? sql`sum(k.assignments) filter (where k.status = 'open' and k.due_at <= ${now}) > 0` : null,
  ].filter((condition) => condition !== null);
  return sql`select ${id} as id, ${name} as name, ${figuresSql(now)}
    from ${from}
    where ${sql.join(where, sql` and `)}
    group by ${id}, ${name}
    having ${sql.join(having, sql` and `)}`;
}

/** Which rows of the sorted overview to read: a page by its offset, or a download's next batch after the last. */
type OverviewWindow = { limit: number; offset: number } | { limit: number; after: SortPosition | null };

async function readRows(
  db: DatabaseOrTransaction,
  ctx: Ctx,
  view: OverviewView,
  filters: OverviewFilters,
  now: Date,
  window: OverviewWindow,
): Promise<{ row: OverviewRow; position: SortPosition }[]> {
  const direction = filters.direction === "desc" ? "desc" : "asc";
  const sort = filters.sort ?? "name";
  const key = sort === "name" ? sql`lower(name)` : sql`${sql.identifier(sort)}`;
  const resume =
    "after" in window && window.after
      ? sql`where ${afterPosition({ key, name: sql`lower(name)`, id: sql`id` }, window.after, { key: direction, ties: "asc" }, sort === "name" ? "text" : "numeric")}`
      : sql``;
  const rows = await queryRows<OverviewRow & { sortKey: string | number; sortName: string }>(
    db,
    sql`select *, ${key} as "sortKey", lower(name) as "sortName" from (${matched(ctx, view, filters, now)}) rows
        ${resume}
        order by ${key} ${sql.raw(direction)}, lower(name), id
        limit ${window.limit} ${"offset" in window ? sql`offset ${window.offset}` : sql``}`,
  );
  return rows.map(({ sortKey, sortName, ...row }) => ({ row, position: { key: sortKey, name: sortName, id: row.id } }));
}

/** One page of the overview, by course or by group. Admins only. */
export async function listAssignmentOverview(
  db: DatabaseOrTransaction,
  ctx: Ctx,
  view: OverviewView,
  options: OverviewFilters & { page?: number; now?: Date } = {},
): Promise<Page<OverviewRow>> {
  assertCan(ctx, "assignment.overview");
  const now = options.now ?? currentTime();
  const { page, limit, offset } = pageWindow(options.page, OVERVIEW_PAGE_SIZE);
  const [rows, [total]] = await Promise.all([
    readRows(db, ctx, view, options, now, { limit, offset }).then((rows) => rows.map(({ row }) => row)),
    queryRows<{ value: number }>(db, sql`select count(*)::int as value from (${matched(ctx, view, options, now)}) rows`),
  ]);
  return { rows, total: total?.value ?? 0, page, pageSize: OVERVIEW_PAGE_SIZE };
}

/** The CSV's words in the reader's language. */
export type OverviewCsvLabels = { header: readonly string[] };

/** The whole filtered overview in the page's order, batch by batch from where the last stopped. */
export async function* overviewBatches(
  db: DatabaseOrTransaction,
  ctx: Ctx,
  view: OverviewView,
  filters: OverviewFilters,
  now: Date = currentTime(),
  batchSize = OVERVIEW_CSV_BATCH,
): AsyncGenerator<OverviewRow[]> {
  assertCan(ctx, "assignment.overview");
  let after: SortPosition | null = null;
  for (;;) {
    const rows = await readRows(db, ctx, view, filters, now, { limit: batchSize, after });
    if (rows.length > 0) yield rows.map(({ row }) => row);
    if (rows.length < batchSize) return;
    after = rows.at(-1)!.position;
  }
}

/** The whole filtered overview as a streamed CSV (formula-safe cells). */
export function assignmentOverviewCsv(
  db: DatabaseOrTransaction,
  ctx: Ctx,
  view: OverviewView,
  filters: OverviewFilters,
  labels: OverviewCsvLabels,
  filename: string,
  now: Date = currentTime(),
): Response {
  assertCan(ctx, "assignment.overview");
  async function* lines() {
    for await (const rows of overviewBatches(db, ctx, view, filters, now)) {
      yield rows.map((row) => [row.name, row.assigned, row.done, row.open, row.overdue]);
    }
  }
  return csvResponse(filename, labels.header, lines());
}

export const DRILL_DOWN_PAGE_SIZE = 50;

export type DrillDownRow = Pick<AssignmentRow, "id" | "dueOn" | "assignedAt" | "completedAt" | "percent"> & {
  userId: string;
  name: string;
  email: string;
  courseTitle: string;
  groupName: string | null;
  status: ShownStatus;
};

/**
 * The people behind one overview row: the assignments of one course, or of one group, with their
 * status; overdue first, then by name. The course or group must be the company's, else not found.
 */
export async function listAssignmentPeople(
  db: DatabaseOrTransaction,
  ctx: Ctx,
  target: { view: OverviewView; id: string },
  options: { status?: OverviewStatus; page?: number; now?: Date } = {},
): Promise<Page<DrillDownRow> & { name: string }> {
  assertCan(ctx, "assignment.overview");
  const now = options.now ?? currentTime();
  const [owner] = await queryRows<{ name: string }>(
    db,
    target.view === "course"
      ? sql`select title as name from courses where id = ${target.id} and company_id = ${ctx.companyId}`
      : sql`select name from learning_groups where id = ${target.id} and company_id = ${ctx.companyId}`,
  );
  if (!owner) throw notFound();
  const { page, limit, offset } = pageWindow(options.page, DRILL_DOWN_PAGE_SIZE);
  const where = sql`a.company_id = ${ctx.companyId} and a.status <> 'waived'
    and ${target.view === "course" ? sql`a.course_id = ${target.id}` : sql`a.group_id = ${target.id}`}
    ${options.status === "overdue" ? sql`and a.status = 'open' and a.due_at <= ${now}` : sql``}`;
  const [rows, [total]] = await Promise.all([
    queryRows<DrillDownRow>(
      db,
      sql`select a.id, u.id as "userId", u.name, u.email, c.title as "courseTitle", g.name as "groupName",
                 ${shownStatusSql(now)} as status, a.due_on as "dueOn", a.assigned_at as "assignedAt",
                 a.completed_at as "completedAt", coalesce(p.percent, 0)::int as percent
          from assignments a
          join users u on u.id = a.user_id
          join courses c on c.id = a.course_id
          left join learning_groups g on g.id = a.group_id
          left join course_progress p on p.user_id = a.user_id and p.course_id = a.course_id
          where ${where}
          order by case when a.status = 'open' and a.due_at <= ${now} then 0 when a.status = 'open' then 1 else 2 end,
                   lower(u.name), a.id
          limit ${limit} offset ${offset}`,
    ),
    queryRows<{ value: number }>(db, sql`select count(*)::int as value from assignments a where ${where}`),
  ]);
  const read = rows.map((row) => ({
    ...row,
    assignedAt: new Date(row.assignedAt),
    completedAt: row.completedAt === null ? null : new Date(row.completedAt),
  }));
  return { rows: read, total: total?.value ?? 0, page, pageSize: DRILL_DOWN_PAGE_SIZE, name: owner.name };
}

/**
 * The figures of the assignments that came through one group, for its Statistics tab (its owner and
 * the company's admins), and how many rules keep assigning its joiners.
 */
export async function groupAssignmentFigures(
  db: DatabaseOrTransaction,
  ctx: Ctx,
  access: GroupAccess,
  now: Date = currentTime(),
): Promise<AssignmentFigures & { rules: number }> {
  const groupId = granted(ctx, access, "canSeeStatistics").groupId;
  const [row] = await queryRows<AssignmentFigures & { rules: number }>(
    db,
    sql`select ${figuresSql(now)},
               (select count(*)::int from assignment_rules r where r.group_id = ${groupId} and r.company_id = ${ctx.companyId}) as rules
        from assignment_counts k
        where k.group_id = ${groupId} and k.company_id = ${ctx.companyId}`,
  );
  return row ?? { assigned: 0, done: 0, open: 0, overdue: 0, rules: 0 };
}
