import "server-only";
import { sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import type { Ctx } from "@/lib/auth/viewer";
import { mentionedIds, withMentionNames } from "./mentions";
import { groupReadersSql } from "./queries";

export type Mentioned = {
  /** Ids of the people mentioned who can read the group, in order of first mention. */
  ids: string[];
  /** The body with those people's names as they are now (for notifications and the feed), not as typed. */
  body: string;
};

/** The people `body` mentions who can read the group: mentions of anyone else are dropped. */
export async function mentionedReaders(tx: DatabaseOrTransaction, ctx: Ctx, groupId: string, body: string): Promise<Mentioned> {
  const ids = mentionedIds(body);
  if (ids.length === 0) return { ids, body };
  const rows = await queryRows<{ id: string; name: string }>(
    tx,
    sql`select r.user_id as id, u.name from (${groupReadersSql(ctx.companyId, groupId, ids)}) r join users u on u.id = r.user_id`,
  );
  const names = new Map(rows.map((row) => [row.id, row.name]));
  return { ids: ids.filter((id) => names.has(id)), body: withMentionNames(body, names) };
}
