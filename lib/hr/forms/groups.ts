import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import { uuidArray } from "@/db/sql";
import type { Ctx } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { memberCountSql } from "@/lib/membership-core/member-count";

export type LockedFormGroup = { id: string; name: string; maxMembers: number | null; taken: number };

/**
 * The active groups of the caller's company a form names, locked (in id order, so two forms cannot
 * deadlock) and then read with their member counts: two statements however many groups. An id that is not an active group of the company
 * is refused; `arriving` people joining each group must fit its maximum.
 */
export async function lockFormGroups(
  tx: DatabaseOrTransaction,
  ctx: Ctx,
  groupIds: readonly string[],
  arriving: number,
): Promise<LockedFormGroup[]> {
  if (groupIds.length === 0) return [];
  await tx.execute(
    sql`select id from learning_groups
        where company_id = ${ctx.companyId} and id = any(${uuidArray(groupIds)}) and archived_at is null
        order by id
        for no key update`,
  );
  // Counted by a second statement: its snapshot is taken after the locks were granted, so it sees
  // the members a batch that held a lock before us committed (the locking statement's would not).
  const groups = await queryRows<LockedFormGroup>(
    tx,
    sql`select g.id, g.name, g.max_members as "maxMembers",
               ${memberCountSql(sql`g.id`)} as taken
        from learning_groups g
        where g.company_id = ${ctx.companyId} and g.id = any(${uuidArray(groupIds)}) and g.archived_at is null
        order by g.id`,
  );
  if (groups.length !== groupIds.length) throw new AppError("hr_group_not_found", {}, "groupIds");
  const full = groups.find((group) => group.maxMembers !== null && group.taken + arriving > group.maxMembers);
  if (full) throw new AppError("hr_group_full", { name: full.name, max: full.maxMembers! });
  return groups;
}

/**
 * What the rules of `groupIds` ask for one person joining them: the `wanted` relation of
 * `insertAssignments`. A rule's "N days after joining" counts from `startDate` when given (a new
 * hire's first day, not the day HR typed it in), else from the learner's today.
 */
export function formRulesWanted(ctx: Ctx, userId: string, groupIds: readonly string[], startDate: string | null): SQL {
  const dueOn = startDate === null ? sql`r.due_on` : sql`coalesce(r.due_on, ${startDate}::date + r.due_after_days)`;
  const dueAfterDays = startDate === null ? sql`r.due_after_days` : sql`null::int`;
  return sql`select ${userId}::uuid as user_id, r.course_id, r.group_id, r.id as rule_id, ${dueOn} as due_on,
               ${dueAfterDays} as due_after_days, r.reminder_days, r.created_by as assigned_by
        from assignment_rules r
        join learning_groups g on g.id = r.group_id and g.company_id = ${ctx.companyId} and g.archived_at is null
        where r.group_id = any(${uuidArray(groupIds)}) and r.company_id = ${ctx.companyId}`;
}

/** Names as a notification lists them: quoted, comma-separated. */
export const quotedList = (names: readonly string[]) => names.map((name) => `“${name}”`).join(", ");
