import "server-only";
import { sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import { escapeLike } from "@/db/sql";
import type { Ctx } from "@/lib/auth/viewer";
import { notFound } from "@/lib/errors";
import { assertCan } from "@/lib/permissions";
import { memberCountSql } from "@/lib/membership-core/member-count";
import { type OptionPage, optionPage, OPTIONS_LIMIT } from "@/lib/pagination";

export type FormGroupOption = { id: string; name: string; taken: number; maxMembers: number | null; suggested: boolean };

/** Names that say "onboarding": the new-hire form suggests these groups first. */
const onboardingName = sql`(g.name ilike '%onboard%' or g.name ilike '%on-board%' or g.name ilike '%induction%')`;

/**
 * The groups the new-hire and department-change forms offer, a picker's page of those whose name
 * contains `term`: the company's active groups, onboarding-like names first, newest first, as
 * suggestions (any active group may be chosen).
 */
export async function searchFormGroups(db: DatabaseOrTransaction, ctx: Ctx, term: string): Promise<OptionPage<FormGroupOption>> {
  assertCan(ctx, "hr.forms");
  const needle = term.trim();
  const rows = await queryRows<FormGroupOption>(
    db,
    sql`select g.id, g.name, g.max_members as "maxMembers", ${onboardingName} as suggested,
               ${memberCountSql(sql`g.id`)} as taken
        from learning_groups g
        where g.company_id = ${ctx.companyId} and g.archived_at is null
          ${needle ? sql`and g.name ilike ${`%${escapeLike(needle)}%`}` : sql``}
        order by ${onboardingName} desc, g.created_at desc, g.id
        limit ${OPTIONS_LIMIT + 1}`,
  );
  return optionPage(rows);
}

export type PersonGroup = { id: string; name: string; viaDepartment: boolean };

/**
 * The department-change form's second step: the person's department and active groups, those they
 * came into "via department <their current department>" marked (pre-ticked to leave).
 */
export async function getPersonGroups(db: DatabaseOrTransaction, ctx: Ctx, personId: string) {
  assertCan(ctx, "hr.forms");
  const [person] = await queryRows<{ id: string; name: string; departmentId: string | null; departmentName: string | null }>(
    db,
    sql`select u.id, u.name, u.department_id as "departmentId", d.name as "departmentName"
        from users u left join departments d on d.id = u.department_id
        where u.id = ${personId} and u.company_id = ${ctx.companyId} and u.deactivated_at is null`,
  );
  if (!person) throw notFound();
  const groups = await queryRows<PersonGroup>(
    db,
    sql`select g.id, g.name, (m.source = 'department' and m.source_label is not distinct from ${person.departmentName}) as "viaDepartment"
        from group_members m join learning_groups g on g.id = m.group_id
        where m.user_id = ${person.id} and m.company_id = ${ctx.companyId} and g.archived_at is null
        order by lower(g.name), g.id`,
  );
  return { person, groups };
}
