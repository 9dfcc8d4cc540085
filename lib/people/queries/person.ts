import "server-only";
import { sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import type { Role } from "@/db/schema";
import type { Ctx } from "@/lib/auth/viewer";
import type { Page } from "@/lib/pagination";
import { assertCan } from "@/lib/permissions";
import { statusSql } from "./directory";
import type { PersonStatus } from "../schemas";

export type PersonDetails = {
  id: string;
  name: string;
  email: string;
  roles: Role[];
  status: PersonStatus;
  departmentId: string | null;
  departmentName: string | null;
  managerId: string | null;
  managerName: string | null;
  createdAt: Date;
  deactivatedAt: Date | null;
};

export type PersonGroup = { id: string; name: string; archived: boolean; source: string; addedAt: Date };

export type PersonCourse = {
  courseId: string;
  title: string;
  percent: number;
  lessonsDone: number;
  lastActivityAt: Date;
  completedAt: Date | null;
};

export type AuditEntryRow = {
  id: string;
  action: string;
  actorName: string | null;
  details: Record<string, unknown>;
  createdAt: Date;
};

export type PersonView = PersonDetails & {
  groups: PersonGroup[];
  courses: PersonCourse[];
  audit: Page<AuditEntryRow>;
};

export const AUDIT_PAGE_SIZE = 20;

/** Raw SQL comes back without Drizzle's column mapping: node-postgres hands timestamps over as text. */
const date = (value: Date | string) => new Date(value);
const maybeDate = (value: Date | string | null) => (value === null ? null : new Date(value));

/**
 * The person page: details, groups (active and archived memberships), course progress and the audit
 * trail of changes to them. Null when the person is not in the caller's company (a 404, never a hint).
 */
export async function getPerson(
  db: DatabaseOrTransaction,
  ctx: Ctx,
  personId: string,
  options: { auditPage?: number } = {},
): Promise<PersonView | null> {
  assertCan(ctx, "people.view");
  const [person] = await queryRows<PersonDetails>(
    db,
    sql`select u.id, u.name, u.email, u.roles::text[] as roles, ${statusSql} as status,
               u.department_id as "departmentId", d.name as "departmentName",
               u.manager_id as "managerId", m.name as "managerName",
               u.created_at as "createdAt", u.deactivated_at as "deactivatedAt"
        from users u
        left join departments d on d.id = u.department_id
        left join users m on m.id = u.manager_id
        where u.id = ${personId} and u.company_id = ${ctx.companyId}`,
  );
  if (!person) return null;
  const auditPage = Math.max(1, options.auditPage ?? 1);
  const [groups, courses, audit, [auditCount]] = await Promise.all([
    queryRows<PersonGroup>(
      db,
      sql`select g.id, g.name, g.archived_at is not null as archived, gm.source, gm.added_at as "addedAt"
          from group_members gm join learning_groups g on g.id = gm.group_id
          where gm.user_id = ${personId} and gm.company_id = ${ctx.companyId}
          order by g.archived_at is not null, lower(g.name), g.id`,
    ),
    queryRows<PersonCourse>(
      db,
      sql`select c.id as "courseId", c.title, p.percent, p.lessons_done as "lessonsDone",
                 p.last_activity_at as "lastActivityAt", p.completed_at as "completedAt"
          from course_progress p join courses c on c.id = p.course_id
          where p.user_id = ${personId} and p.company_id = ${ctx.companyId}
          order by p.completed_at is not null, lower(c.title), c.id`,
    ),
    queryRows<AuditEntryRow>(
      db,
      sql`select a.id, a.action, actor.name as "actorName", a.details, a.created_at as "createdAt"
          from audit_log a left join users actor on actor.id = a.actor_id
          where a.company_id = ${ctx.companyId} and a.target_type = 'user' and a.target_id = ${personId}
          order by a.created_at desc, a.id
          limit ${AUDIT_PAGE_SIZE} offset ${(auditPage - 1) * AUDIT_PAGE_SIZE}`,
    ),
    queryRows<{ total: number }>(
      db,
      sql`select count(*)::int as total from audit_log a
          where a.company_id = ${ctx.companyId} and a.target_type = 'user' and a.target_id = ${personId}`,
    ),
  ]);
  return {
    ...person,
    createdAt: date(person.createdAt),
    deactivatedAt: maybeDate(person.deactivatedAt),
    groups: groups.map((group) => ({ ...group, addedAt: date(group.addedAt) })),
    courses: courses.map((course) => ({
      ...course,
      lastActivityAt: date(course.lastActivityAt),
      completedAt: maybeDate(course.completedAt),
    })),
    audit: {
      rows: audit.map((row) => ({ ...row, createdAt: date(row.createdAt) })),
      total: auditCount?.total ?? 0,
      page: auditPage,
      pageSize: AUDIT_PAGE_SIZE,
    },
  };
}

/** The caller's name, as the notifications and ledger rows of a membership change show it. */
export async function actorName(db: DatabaseOrTransaction, ctx: Ctx): Promise<string> {
  const [row] = await queryRows<{ name: string }>(db, sql`select name from users where id = ${ctx.userId}`);
  return row?.name ?? "";
}
