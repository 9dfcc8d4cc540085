import "server-only";
import { type SQL, sql } from "drizzle-orm";
import type { Ctx } from "@/lib/auth/viewer";

/*
 * Set-based membership statements that other domains reuse (HR's new hire, department change and
 * import), one copy each. A join and a move write their own, smaller inserts (operations/).
 */

/**
 * The statement that puts a selection of people into groups, for admins' adds and HR's forms and
 * import: the memberships (an INSERT … SELECT from `eligible`, skipping who is already a member) and
 * their ledger rows, the second fed by the first's RETURNING, so a batch never travels through Node.
 * `eligible` yields `group_id, user_id, source, source_label, sort_name`, one row per membership;
 * sort_name is given there, from a join with users the caller makes anyway, so that the trigger that
 * would fill it (migration 0005) is not called 10,000 times. Each membership is `announced`: the
 * person's bell shows "… added you to the group" from it (lib/notifications/announcements.ts), no
 * notification row is written; `announce: false` leaves that out, for a caller that sends one
 * notification of its own (HR's new hire: one welcome listing everything). Selects the `group_id,
 * user_id` of the memberships it added. `statement` adds CTEs before `eligible` and replaces the final
 * select (an add classifying its selection in the same statement).
 */
export function insertMembershipsSql(
  ctx: Ctx,
  eligible: SQL,
  batch: { batchId: string; now: Date; announce?: boolean },
  statement: MembershipStatement = {},
): SQL {
  return sql`with ${statement.before ? sql`${statement.before}, ` : sql``}eligible as (${eligible}),
    inserted as (
      insert into group_members (group_id, user_id, company_id, added_by, source, source_label, added_at, sort_name, announced)
      select group_id, user_id, ${ctx.companyId}, ${ctx.userId}, source, source_label, ${batch.now}, sort_name, ${batch.announce ?? true}::boolean
      from eligible on conflict do nothing
      returning group_id, user_id, source, source_label
    ),
    ledger as (
      insert into membership_events (company_id, group_id, user_id, kind, actor_id, source, source_label, batch_id, at)
      select ${ctx.companyId}, group_id, user_id, 'added', ${ctx.userId}, source, source_label, ${batch.batchId}, ${batch.now}
      from inserted
    )
    ${statement.select ?? sql`select group_id, user_id from inserted`}`;
}

/**
 * What a caller may add around the insert, in the same statement (a data-modifying WITH must stay at
 * the top level, so it cannot be wrapped): CTEs `eligible` may read (`before`, without the WITH), and
 * the final select in place of the inserted memberships' (it may read `inserted` and those CTEs).
 */
export type MembershipStatement = { before?: SQL; select?: SQL };
