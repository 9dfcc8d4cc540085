import "server-only";
import { sql } from "drizzle-orm";
import { type Database, type DatabaseOrTransaction, queryRows } from "@/db/client";
import type { LearningGroup } from "@/db/schema";
import type { Ctx } from "@/lib/auth/viewer";
import { candidatesSql } from "../candidates";
import { manageableGroup } from "../manageable-group";
import type { Selection } from "../schemas";
import { memberCountSql } from "@/lib/membership-core/member-count";

export type AddPreview = {
  /** People the selection names in this company. */
  selected: number;
  toAdd: number;
  alreadyMembers: number;
  /** Deactivated people are never added. */
  deactivated: number;
  /** Places taken now, and the group's maximum (null: no maximum). */
  taken: number;
  max: number | null;
};

/** How a selection splits against the group now; add-members checks the same numbers under its locks. */
export async function classify(db: DatabaseOrTransaction, ctx: Ctx, group: LearningGroup, selection: Selection): Promise<AddPreview> {
  const candidates = await candidatesSql(db, ctx, group.id, selection);
  const [row] = await queryRows<Omit<AddPreview, "max">>(
    db,
    sql`with candidates as (${candidates}),
      classified as (
        select (u.deactivated_at is not null) as deactivated,
               exists (select 1 from group_members m where m.group_id = ${group.id} and m.user_id = c.user_id) as member
        from (select distinct on (user_id) * from candidates) c join users u on u.id = c.user_id
      )
      select count(*)::int as selected,
             (count(*) filter (where not member and not deactivated))::int as "toAdd",
             (count(*) filter (where member))::int as "alreadyMembers",
             (count(*) filter (where deactivated and not member))::int as deactivated,
             ${memberCountSql(sql`${group.id}::uuid`)} as taken
      from classified`,
  );
  return { ...row!, max: group.maxMembers };
}

/** What Confirm would do: the counts the add-members dialog shows before anything changes. */
export async function previewAddMembers(db: Database, ctx: Ctx, groupId: string, selection: Selection): Promise<AddPreview> {
  const group = await manageableGroup(db, ctx, groupId, false);
  return classify(db, ctx, group, selection);
}
