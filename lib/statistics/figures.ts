import "server-only";
import { sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";

/** What the daily check found wrong in a company's maintained figures, and set right. */
export type FigureDrift = {
  /** Memberships whose copy of the member's progress differed from their progress. */
  copies: number;
  /** Groups whose figures differed from a count of their members' rows. */
  groups: number;
};

/**
 * The scheduler's check of what triggers maintain (migrations 0026–0027), with the daily rollup:
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
  const drift = { copies: copies?.n ?? 0, groups: groups?.n ?? 0 };
  if (drift.copies > 0 || drift.groups > 0) {
    await tx.execute(sql`with kept as (delete from figure_drift where found_at < now() - interval '7 days')
                         insert into figure_drift (copies, groups) values (${drift.copies}, ${drift.groups})`);
  }
  return drift;
}

/** The drift the checks of the last day found, summed over companies: the health route's field. */
export async function recentFigureDrift(db: DatabaseOrTransaction): Promise<FigureDrift> {
  const [row] = await queryRows<FigureDrift>(
    db,
    sql`select coalesce(sum(copies), 0)::int as copies, coalesce(sum(groups), 0)::int as groups
        from figure_drift where found_at > now() - interval '1 day'`,
  );
  return row ?? { copies: 0, groups: 0 };
}
