import "server-only";
import { sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import { uuidArray } from "@/db/sql";

/** The current epoch of each of these groups that exists. */
export async function currentEpochs(db: DatabaseOrTransaction, groupIds: readonly string[]): Promise<Map<string, number>> {
  const rows = await queryRows<{ groupId: string; epoch: number }>(
    db,
    sql`select group_id as "groupId", epoch from group_channel_epochs where group_id = any(${uuidArray(groupIds)})`,
  );
  return new Map(rows.map((row) => [row.groupId, Number(row.epoch)]));
}
