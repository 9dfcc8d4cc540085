import "server-only";
import { type SQL, sql } from "drizzle-orm";
import type { DatabaseOrTransaction } from "@/db/client";
import type { LearningGroup } from "@/db/schema";
import { uuidArray } from "@/db/sql";
import type { Ctx } from "@/lib/auth/viewer";
import { type RemovalLedger, takeOut } from "@/lib/membership-core/removal";
import type { RealtimeEvent } from "@/lib/realtime/channels";

/* What removing and moving members share: taking the leavers out of one group, and addressing their notice. */

/** Takes people out of one group, writing the ledger; returns who actually left, and the epoch's events. */
export async function takeOutOf(
  tx: DatabaseOrTransaction,
  ctx: Ctx,
  group: LearningGroup,
  userIds: readonly string[],
  ledger: RemovalLedger,
): Promise<{ left: string[]; revoked: RealtimeEvent[] }> {
  const { ended, events } = await takeOut(tx, ctx, sql`group_id = ${group.id} and user_id = any(${uuidArray(userIds)})`, ledger);
  return { left: ended.map((row) => row.userId), revoked: events };
}

/** Recipients given by id, for `insertNotificationsSql`: one row each, the batch never travelling back through Node. */
export const recipients = (userIds: readonly string[]): SQL => sql`unnest(${uuidArray(userIds)}) as recipients (user_id)`;
