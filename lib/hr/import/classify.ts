import "server-only";
import { sql } from "drizzle-orm";
import type { Ctx } from "@/lib/auth/viewer";

/**
 * The staged rows joined to who they name now: the person (null: to be created), their manager
 * (null: someone the file creates), and whether the row changes the person. Within the final
 * transaction, after the INSERT of new people, it sees them too: their manager is then a change. The preview and the
 * final transaction classify with this same relation, so what Confirm does is what the preview said.
 */
export const classifiedRows = (ctx: Ctx, jobId: string) => sql`
  select r.row_number, r.email, r.name, r.department_id, r.manager_email, r.group_ids, u.id as user_id,
         (u.id is not null and ${rowChanges}) as changes
  from import_rows r
  left join users u on u.email = r.email and u.company_id = ${ctx.companyId}
  left join ${managerOf(ctx)}
  where r.job_id = ${jobId}`;

/** The staged row `r` changes the person `u`, whose manager per the file is `m`: an empty cell changes nothing. */
export const rowChanges = sql`(
  u.name is distinct from r.name
  or (r.department_id is not null and u.department_id is distinct from r.department_id)
  or (r.manager_email is not null and (m.id is null or u.manager_id is distinct from m.id))
)`;

/** The manager the staged row `r` names, as `m`: an active person of the company. */
export const managerOf = (ctx: Ctx) =>
  sql`users m on m.email = r.manager_email and m.company_id = ${ctx.companyId} and m.deactivated_at is null`;
