import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { type Database, type DatabaseOrTransaction, queryRows } from "@/db/client";
import type { AssignmentSource, RemovalPolicy } from "@/db/schema";
import { type Ctx, isAdmin } from "@/lib/auth/viewer";
import { currentTime } from "@/base/clock";
import { notFound } from "@/lib/errors";
import { type Page, pageWindow } from "@/lib/pagination";
import { type GroupAccess, granted } from "@/lib/group-access/access";
import { assertCan } from "@/lib/permissions";
import type { PreviewAssignmentInput } from "./schemas";
import { type AssignmentPreview, assertDateAhead, classify, readCourse, ruleExists, selectedPeopleSql } from "./selection";

/**
 * Reading assignments, one person's at a time: "My assignments" (the caller's own) and the person
 * page. Overdue is no stored status: an open assignment is overdue from `due_at` on (the end of the
 * deadline day in the learner's zone), so every read takes the moment it is about.
 */

/** What an assignment shows as: its status, with overdue for an open one whose deadline has passed. */
export type ShownStatus = "open" | "overdue" | "done" | "waived";

/** "My assignments" filters: `current` (the default) hides waived ones; `open` includes overdue. */
export const MY_ASSIGNMENT_FILTERS = ["current", "open", "overdue", "done", "waived"] as const;
export type MyAssignmentFilter = (typeof MY_ASSIGNMENT_FILTERS)[number];

export const MY_ASSIGNMENTS_PAGE_SIZE = 25;

export type AssignmentRow = {
  id: string;
  courseId: string;
  courseTitle: string;
  status: ShownStatus;
  source: AssignmentSource;
  dueOn: string;
  dueAt: Date;
  assignedAt: Date;
  completedAt: Date | null;
  waivedAt: Date | null;
  /** The group it came through, when the viewer may see that group; `linked` when they may open it. */
  group: { id: string; name: string; linked: boolean } | null;
  /** The learner's progress in the course, 0–100 (0 before their first lesson). */
  percent: number;
};

/** The status an assignment shows at `now`, as SQL over the alias `a`. */
export const shownStatusSql = (now: Date): SQL =>
  sql`case when a.status = 'open' and a.due_at <= ${now} then 'overdue' else a.status::text end`;

/** Open ones first (the overdue among them, having the earliest deadlines), then done, then waived; each by deadline. */
const ORDER = sql`case a.status when 'open' then 0 when 'done' then 1 else 2 end, a.due_at, a.id`;

const FILTERS: Record<MyAssignmentFilter, (now: Date) => SQL> = {
  current: () => sql`a.status <> 'waived'`,
  open: () => sql`a.status = 'open'`,
  overdue: (now) => sql`a.status = 'open' and a.due_at <= ${now}`,
  done: () => sql`a.status = 'done'`,
  waived: () => sql`a.status = 'waived'`,
};

type RawRow = Omit<AssignmentRow, "group" | "dueAt" | "assignedAt" | "completedAt" | "waivedAt"> & {
  dueAt: Date | string;
  assignedAt: Date | string;
  completedAt: Date | string | null;
  waivedAt: Date | string | null;
  groupId: string | null;
  groupName: string | null;
  groupVisible: boolean;
  groupLinked: boolean;
};

const toDate = (value: Date | string | null) => (value === null ? null : new Date(value));

function readRow({ groupId, groupName, groupVisible, groupLinked, ...row }: RawRow): AssignmentRow {
  return {
    ...row,
    dueAt: new Date(row.dueAt),
    assignedAt: new Date(row.assignedAt),
    completedAt: toDate(row.completedAt),
    waivedAt: toDate(row.waivedAt),
    group: groupId && groupName && groupVisible ? { id: groupId, name: groupName, linked: groupLinked } : null,
  };
}

/**
 * One page of a person's assignments. The group's name shows to whoever may read the group or see it
 * in the company's list (admins, HR staff, its members, anyone while it is public and active); a
 * private group the learner has left stays nameless to them.
 */
async function readPage(
  db: DatabaseOrTransaction,
  ctx: Ctx,
  userId: string,
  where: SQL,
  options: { now: Date; page?: number; pageSize: number; seesEveryGroup: boolean },
): Promise<Page<AssignmentRow>> {
  const { page, limit, offset } = pageWindow(options.page, options.pageSize);
  const scope = sql`a.company_id = ${ctx.companyId} and a.user_id = ${userId} and ${where}`;
  const member = sql`exists (select 1 from group_members m where m.group_id = g.id and m.user_id = ${ctx.userId})`;
  // Admins open every group's page; HR staff read its name only; a learner opens the groups they are in.
  const linked = options.seesEveryGroup ? (isAdmin(ctx) ? sql`true` : sql`false`) : member;
  const [rows, [total]] = await Promise.all([
    queryRows<RawRow>(
      db,
      sql`select a.id, a.course_id as "courseId", c.title as "courseTitle", ${shownStatusSql(options.now)} as status,
                 a.source, a.due_on as "dueOn", a.due_at as "dueAt", a.assigned_at as "assignedAt",
                 a.completed_at as "completedAt", a.waived_at as "waivedAt", coalesce(p.percent, 0)::int as percent,
                 g.id as "groupId", g.name as "groupName",
                 ${options.seesEveryGroup ? sql`true` : sql`(${member} or (g.visibility = 'public' and g.archived_at is null))`} as "groupVisible",
                 coalesce(${linked}, false) as "groupLinked"
          from assignments a
          join courses c on c.id = a.course_id
          left join course_progress p on p.user_id = a.user_id and p.course_id = a.course_id
          left join learning_groups g on g.id = a.group_id and g.company_id = a.company_id
          where ${scope}
          order by ${ORDER}
          limit ${limit} offset ${offset}`,
    ),
    queryRows<{ value: number }>(db, sql`select count(*)::int as value from assignments a where ${scope}`),
  ]);
  return { rows: rows.map(readRow), total: total?.value ?? 0, page, pageSize: options.pageSize };
}

/**
 * "My assignments": the caller's own, overdue first, then by deadline; waived ones only when asked for.
 * With `courseId` (a notification's link), that course's assignment alone, whatever its status.
 */
export function listMyAssignments(
  db: DatabaseOrTransaction,
  ctx: Ctx,
  options: { filter?: MyAssignmentFilter; courseId?: string | null; page?: number; now?: Date } = {},
): Promise<Page<AssignmentRow>> {
  const now = options.now ?? currentTime();
  const where = options.courseId ? sql`a.course_id = ${options.courseId}` : FILTERS[options.filter ?? "current"](now);
  return readPage(db, ctx, ctx.userId, where, { now, page: options.page, pageSize: MY_ASSIGNMENTS_PAGE_SIZE, seesEveryGroup: false });
}

export const PERSON_ASSIGNMENTS_PAGE_SIZE = 20;

/**
 * A person's assignments on their person page, waived ones included (admins and HR staff read why a
 * course is no longer due). Someone of another company is not found.
 */
export async function listPersonAssignments(
  db: DatabaseOrTransaction,
  ctx: Ctx,
  personId: string,
  options: { page?: number; now?: Date } = {},
): Promise<Page<AssignmentRow>> {
  assertCan(ctx, "people.view");
  const [person] = await queryRows<{ id: string }>(db, sql`select id from users where id = ${personId} and company_id = ${ctx.companyId}`);
  if (!person) throw notFound();
  return readPage(db, ctx, personId, sql`true`, {
    now: options.now ?? currentTime(),
    page: options.page,
    pageSize: PERSON_ASSIGNMENTS_PAGE_SIZE,
    seesEveryGroup: true,
  });
}

/** The home page's card: the caller's open assignments and how many of them are overdue. */
export async function countMyAssignments(
  db: DatabaseOrTransaction,
  ctx: Ctx,
  now: Date = currentTime(),
): Promise<{ open: number; overdue: number }> {
  const [row] = await queryRows<{ open: number; overdue: number }>(
    db,
    sql`select count(*)::int as open, count(*) filter (where a.due_at <= ${now})::int as overdue
        from assignments a
        where a.company_id = ${ctx.companyId} and a.user_id = ${ctx.userId} and a.status = 'open'`,
  );
  return row ?? { open: 0, overdue: 0 };
}

/**
 * Whether removing members of the group can touch assignments: it has a rule, or open assignments came
 * through it. The remove dialog asks what becomes of them only then. The caller has read the group.
 */
export async function groupHasOpenAssignments(db: DatabaseOrTransaction, ctx: Ctx, groupId: string): Promise<boolean> {
  const [row] = await queryRows<{ found: boolean }>(
    db,
    sql`select exists (select 1 from assignment_rules r where r.group_id = ${groupId} and r.company_id = ${ctx.companyId})
            or exists (select 1 from assignments a where a.group_id = ${groupId} and a.company_id = ${ctx.companyId} and a.status = 'open') as found`,
  );
  return row?.found ?? false;
}

/** What Confirm would do: the wizard's step 4 ("1,204 will be assigned; 37 already have …; 3 deactivated are skipped"). */
export async function previewAssignment(
  db: Database,
  ctx: Ctx,
  input: PreviewAssignmentInput,
  now = currentTime(),
): Promise<AssignmentPreview> {
  assertCan(ctx, "assignment.assign");
  const course = await readCourse(db, ctx, input.courseId);
  await assertDateAhead(db, ctx, input.deadline, now);
  const people = await selectedPeopleSql(db, ctx, input.selection, false);
  const counts = await classify(db, ctx, course.id, people);
  return { ...counts, ruleExists: await ruleExists(db, input.selection, course.id) };
}

export type GroupRule = {
  id: string;
  courseId: string;
  courseTitle: string;
  dueOn: string | null;
  dueAfterDays: number | null;
  reminderDays: number[];
  onRemoval: RemovalPolicy;
  createdAt: Date;
};

/** The rules of one group of the caller's company (its "keeps applying" assignments), newest first. */
export async function listGroupRules(db: Database, ctx: Ctx, access: GroupAccess): Promise<GroupRule[]> {
  assertCan(ctx, "assignment.assign");
  const groupId = granted(ctx, access).groupId;
  return queryRows<GroupRule>(
    db,
    sql`select r.id, r.course_id as "courseId", c.title as "courseTitle", r.due_on::text as "dueOn", r.due_after_days as "dueAfterDays",
               r.reminder_days as "reminderDays", r.on_removal as "onRemoval", r.created_at as "createdAt"
        from assignment_rules r join courses c on c.id = r.course_id
        where r.group_id = ${groupId} and r.company_id = ${ctx.companyId}
        order by r.created_at desc, r.id`,
  );
}
