import "server-only";
import { sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import type { Ctx } from "@/lib/auth/viewer";
import { notFound } from "@/lib/errors";
import { assertCan } from "@/lib/permissions";
import { memberCountSql } from "@/lib/membership-core/member-count";

/** Active groups a form offers; a company with more picks from the first ones (suggested first). */
export const FORM_GROUP_OPTIONS = 200;

export type FormGroupOption = { id: string; name: string; taken: number; maxMembers: number | null; suggested: boolean };

/** Names that say "onboarding": the new-hire form suggests these groups first. */
const onboardingName = sql`(g.name ilike '%onboard%' or g.name ilike '%on-board%' or g.name ilike '%induction%')`;

/**
 * The groups the new-hire and department-change forms offer: the company's active groups,
 * onboarding-like names first, newest first, as suggestions (any active group may be chosen), at
 * most FORM_GROUP_OPTIONS. Departments and courses are searched in the forms themselves.
 */
export async function listFormGroups(db: DatabaseOrTransaction, ctx: Ctx): Promise<FormGroupOption[]> {
  assertCan(ctx, "hr.forms");
  return queryRows<FormGroupOption>(
    db,
    sql`select g.id, g.name, g.max_members as "maxMembers", ${onboardingName} as suggested,
               ${memberCountSql(sql`g.id`)} as taken
        from learning_groups g
        where g.company_id = ${ctx.companyId} and g.archived_at is null
        order by ${onboardingName} desc, g.created_at desc, g.id
        limit ${FORM_GROUP_OPTIONS}`,
  );
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
