import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import type { Ctx } from "@/lib/auth/viewer";
import { notFound } from "@/lib/errors";
import type { PersonStatus } from "@/lib/people/schemas";
import { statusSql } from "@/lib/people/queries/directory";
import { assertCan } from "@/lib/permissions";
import { type Cursor, pageOf } from "./cursor";
import { memberCountSql } from "@/lib/membership-core/member-count";

/** Keyset paging on (created_at, id): a row is on exactly one page however rows are added meanwhile. */
const after = (alias: string, cursor: Cursor | undefined): SQL =>
  cursor ? sql`and (${sql.raw(alias)}.created_at, ${sql.raw(alias)}.id) > (${cursor.createdAt}, ${cursor.id})` : sql``;

export type ApiPerson = {
  id: string;
  name: string;
  email: string;
  status: PersonStatus;
  departmentId: string | null;
  managerId: string | null;
  createdAt: Date;
};

const personColumns = sql`u.id, u.name, u.email, ${statusSql} as status, u.department_id as "departmentId",
  u.manager_id as "managerId", u.created_at as "createdAt"`;

export async function listApiPeople(db: DatabaseOrTransaction, ctx: Ctx, options: { limit: number; cursor?: Cursor; email?: string }) {
  assertCan(ctx, "people.list");
  const rows = await queryRows<ApiPerson>(
    db,
    sql`select ${personColumns} from users u
        where u.company_id = ${ctx.companyId} ${options.email ? sql`and u.email = ${options.email}` : sql``}
          ${after("u", options.cursor)}
        order by u.created_at, u.id limit ${options.limit + 1}`,
  );
  return pageOf(rows, options.limit);
}

export async function getApiPerson(db: DatabaseOrTransaction, ctx: Ctx, personId: string): Promise<ApiPerson> {
  assertCan(ctx, "people.view");
  const [row] = await queryRows<ApiPerson>(
    db,
    sql`select ${personColumns} from users u where u.id = ${personId} and u.company_id = ${ctx.companyId}`,
  );
  if (!row) throw notFound();
  return row;
}

export type ApiGroup = {
  id: string;
  name: string;
  description: string;
  courseId: string | null;
  visibility: "private" | "public";
  maxMembers: number | null;
  memberCount: number;
  archived: boolean;
  createdAt: Date;
};

export const GROUP_STATUSES = ["active", "archived", "all"] as const;
export type GroupStatusFilter = (typeof GROUP_STATUSES)[number];

const groupStatus: Record<GroupStatusFilter, SQL> = {
  active: sql`and g.archived_at is null`,
  archived: sql`and g.archived_at is not null`,
  all: sql``,
};

/** Member counts are taken for the page's rows only, after the limit. */
async function selectGroups(db: DatabaseOrTransaction, where: SQL, limit: number): Promise<ApiGroup[]> {
  return queryRows<ApiGroup>(
    db,
    sql`select g.id, g.name, g.description, g.course_id as "courseId", g.visibility, g.max_members as "maxMembers",
               ${memberCountSql(sql`g.id`)} as "memberCount",
               g.archived_at is not null as archived, g.created_at as "createdAt"
        from (select * from learning_groups g where ${where} order by g.created_at, g.id limit ${limit}) g
        order by g.created_at, g.id`,
  );
}

export async function listApiGroups(
  db: DatabaseOrTransaction,
  ctx: Ctx,
  options: { limit: number; cursor?: Cursor; status: GroupStatusFilter },
) {
  assertCan(ctx, "group.list");
  const where = sql`g.company_id = ${ctx.companyId} ${groupStatus[options.status]} ${after("g", options.cursor)}`;
  return pageOf(await selectGroups(db, where, options.limit + 1), options.limit);
}

export async function getApiGroup(db: DatabaseOrTransaction, ctx: Ctx, groupId: string): Promise<ApiGroup> {
  assertCan(ctx, "group.list");
  const [group] = await selectGroups(db, sql`g.company_id = ${ctx.companyId} and g.id = ${groupId}`, 1);
  if (!group) throw notFound();
  return group;
}
