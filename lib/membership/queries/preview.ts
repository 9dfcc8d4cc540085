import "server-only";
import { type SQL, sql } from "drizzle-orm";
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

/**
 * The selection's people against the group, one row each: `user_id, source, source_label, sort_name`
 * (what a membership is written with) and whether they are `deactivated` or already a `member`. The
 * preview counts these rows; the add counts and inserts them in one statement (operations/add-members).
 */
export const classifiedSql = (groupId: string, candidates: SQL): SQL =>
  sql`select distinct on (c.user_id) c.user_id, c.source, c.source_label, lower(u.name) as sort_name,
             u.deactivated_at is not null as deactivated,
             exists (select 1 from group_members m where m.group_id = ${groupId} and m.user_id = c.user_id) as member
      from (${candidates}) c join users u on u.id = c.user_id`;

/** The preview's numbers over a relation named `classified` (above), with the places taken now. */
export const classifiedCountsSql = (groupId: string): SQL =>
  sql`select count(*)::int as selected,
             (count(*) filter (where not member and not deactivated))::int as "toAdd",
             (count(*) filter (where member))::int as "alreadyMembers",
             (count(*) filter (where deactivated and not member))::int as deactivated,
             ${memberCountSql(sql`${groupId}::uuid`)} as taken
      from classified`;

/** How a selection splits against the group now; add-members counts the same under its locks. */
export async function classify(db: DatabaseOrTransaction, ctx: Ctx, group: LearningGroup, selection: Selection): Promise<AddPreview> {
  const candidates = await candidatesSql(db, ctx, group.id, selection);
  const [row] = await queryRows<Omit<AddPreview, "max">>(
    db,
    sql`with classified as (${classifiedSql(group.id, candidates)}) ${classifiedCountsSql(group.id)}`,
  );
  return { ...row!, max: group.maxMembers };
}

/** What Confirm would do: the counts the add-members dialog shows before anything changes. */
export async function previewAddMembers(db: Database, ctx: Ctx, groupId: string, selection: Selection): Promise<AddPreview> {
  const group = await manageableGroup(db, ctx, groupId, false);
  return classify(db, ctx, group, selection);
}
