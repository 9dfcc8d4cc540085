import "server-only";
import { count, eq } from "drizzle-orm";
import type { DatabaseOrTransaction } from "@/db/client";
import { groupMembers } from "@/db/schema";

/*
 * Group membership primitives that several domains share (groups, membership, people, HR), below
 * all of them so that none imports a peer for them: the member count a maximum is checked against,
 * taking people out of groups (removal.ts), and the event a changed member list publishes (events.ts).
 * Who may see or manage a group is one layer lower, in lib/group-access/: removal reaches realtime,
 * which needs group access, so in one folder the two would import each other.
 */

export async function memberCount(db: DatabaseOrTransaction, groupId: string): Promise<number> {
  const [row] = await db.select({ value: count() }).from(groupMembers).where(eq(groupMembers.groupId, groupId));
  return row?.value ?? 0;
}
