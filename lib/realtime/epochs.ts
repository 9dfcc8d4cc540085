import "server-only";
import { sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import { uuidArray } from "@/db/sql";

/**
 * The current epoch of each of these groups that exists. The publisher reads it after a commit, for
 * events that may be of several companies (the scheduler's): the lookup of migration 0021 answers
 * with the numbers alone, whatever company the database is bound to.
 */
export async function currentEpochs(db: DatabaseOrTransaction, groupIds: readonly string[]): Promise<Map<string, number>> {
  const rows = await queryRows<{ groupId: string; epoch: number }>(
    db,
    sql`select group_id as "groupId", epoch from realtime_group_epochs(${uuidArray(groupIds)})`,
  );
  return new Map(rows.map((row) => [row.groupId, Number(row.epoch)]));
}
