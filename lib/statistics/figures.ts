import "server-only";
import { sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";

/** What the daily check found wrong in a company's maintained figures, and set right. */
export type FigureDrift = {
  /** Memberships whose copy of the member's progress differed from their progress. */
  copies: number;
  /** Groups whose figures differed from a count of their members' rows. */
  groups: number;
  /** Keys of the assignment overview's counts that differed from a count of the assignments. */
  assignments: number;
  /** Departments whose count of active people differed from a count of their people. */
  departments: number;
};

/**
 * The scheduler's check of what triggers maintain (migrations 0026–0027, 0029, 0032), with the daily rollup:
 * every membership's copy of progress against the progress, then every group's figures against a
 * count of its members' rows, one snapshot each, and only what differs rewritten, under the locks the
 * triggers take (group_figures_recount). Drift is a bug in what keeps them, never routine: what was
 * found is written to `figure_drift` for the health route, and the caller logs it.
 *
 * The copies first, since their repair moves the figures. A copy can be stale for one reason the
 * design admits: a person added to a group in the same instant as they complete a lesson of its
 * course, each transaction unable to see the other's uncommitted row (docs/architecture.md).
 */
export async function checkFigures(tx: DatabaseOrTransaction, companyId: string): Promise<FigureDrift> {
  const [copies] = await queryRows<{ n: number }>(
    tx,
    sql`select group_members_copy_progress(array_agg(m.group_id), array_agg(m.user_id)) as n
        from group_members m where m.company_id = ${companyId}`,
  );
  const [groups] = await queryRows<{ n: number }>(
    tx,
    sql`with drifted as (
          select c.group_id
          from group_figures_counted(array(select g.id from learning_groups g where g.company_id = ${companyId})) c
          join group_figures f on f.group_id = c.group_id
          where (f.members, f.percent_sum, f.done, f.halfway, f.histogram)
                is distinct from (c.members, c.percent_sum, c.done, c.halfway, c.histogram)
        )
        select coalesce(group_figures_recount(array(select group_id from drifted)), 0) as n`,
  );
  const drift: FigureDrift = {
    copies: copies?.n ?? 0,
    groups: groups?.n ?? 0,
    assignments: await checkAssignmentCounts(tx, companyId),
    departments: await checkDepartmentCounts(tx, companyId),
  };
  if (Object.values(drift).some((n) => n > 0)) {
    await tx.execute(sql`with kept as (delete from figure_drift where found_at < now() - interval '7 days')
                         insert into figure_drift (copies, groups, assignments, departments)
                         values (${drift.copies}, ${drift.groups}, ${drift.assignments}, ${drift.departments})`);
  }
  return drift;
}

/**
 * The assignment overview's counts (migration 0029) against a count of the company's live assignments,
 * one snapshot; every key that differs set to its count (zero where none is left). Answers how many.
 */
async function checkAssignmentCounts(tx: DatabaseOrTransaction, companyId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    tx,
    sql`with counts as (
          select course_id, group_id, status, case when status = 'open' then due_at end as due_at, 1 as counted, 0 as stored
          from assignments where company_id = ${companyId} and status <> 'waived'
          union all
          select course_id, group_id, status, due_at, 0, assignments from assignment_counts where company_id = ${companyId}
        ), drifted as (
          select course_id, group_id, status, due_at, sum(counted)::int as n
          from counts group by 1, 2, 3, 4 having sum(counted) <> sum(stored)
        ), written as (
          insert into assignment_counts (company_id, course_id, group_id, status, due_at, assignments)
          select ${companyId}, course_id, group_id, status, due_at, n from drifted
          on conflict on constraint assignment_counts_key_uq do update set assignments = excluded.assignments
          returning 1
        )
        select count(*)::int as n from written`,
  );
  return row?.n ?? 0;
}

/**
 * Each department's count of active people (migration 0032) against a count of its people, one
 * snapshot; every department that differs set to its count, under the lock the trigger takes.
 */
async function checkDepartmentCounts(tx: DatabaseOrTransaction, companyId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    tx,
    sql`with counted as (
          select d.id, (select count(*)::int from users u where u.department_id = d.id and u.deactivated_at is null) as n
          from departments d where d.company_id = ${companyId}
        ), drifted as (
          select d.id, c.n from departments d join counted c on c.id = d.id
          where d.active_people <> c.n
          order by d.id
          for no key update of d
        ), written as (
          update departments d set active_people = drifted.n from drifted where d.id = drifted.id returning 1
        )
        select count(*)::int as n from written`,
  );
  return row?.n ?? 0;
}

/** The drift the checks of the last day found, summed over companies: the health route's field. */
export async function recentFigureDrift(db: DatabaseOrTransaction): Promise<FigureDrift> {
  const [row] = await queryRows<FigureDrift>(
    db,
    sql`select coalesce(sum(copies), 0)::int as copies, coalesce(sum(groups), 0)::int as groups,
               coalesce(sum(assignments), 0)::int as assignments, coalesce(sum(departments), 0)::int as departments
        from figure_drift where found_at > now() - interval '1 day'`,
  );
  return row ?? { copies: 0, groups: 0, assignments: 0, departments: 0 };
}
