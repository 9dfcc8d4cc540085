import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";

/*
 * Group membership primitives that several domains share (groups, membership, people, HR), below
 * all of them so that none imports a peer for them: the member count a maximum is checked against,
 * taking people out of groups (removal.ts), and the event a changed member list publishes (events.ts).
 * Who may see or manage a group is one layer lower, in lib/group-access/: removal reaches realtime,
 * which needs group access, so in one folder the two would import each other.
 */

/**
 * A group's member count as a scalar SQL expression, for a select list, a sort or a condition: the
 * maintained figure (`group_figures`, migration 0026), one primary-key probe instead of a count of
 * its members. `group` is the group's id as SQL (a column or a parameter).
 */
export const memberCountSql = (group: SQL): SQL<number> => sql<number>`(select f.members from group_figures f where f.group_id = ${group})`;

/**
 * The count a maximum is checked against, inside a membership write: the caller holds the group's
 * row lock, which every membership write takes, so no other add or removal can move it meanwhile.
 */
export async function memberCount(db: DatabaseOrTransaction, groupId: string): Promise<number> {
  const [row] = await queryRows<{ members: number }>(db, sql`select ${memberCountSql(sql`${groupId}::uuid`)} as members`);
  return row?.members ?? 0;
}
