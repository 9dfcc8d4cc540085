import type { DatabaseOrTransaction } from "@/db/client";
import type { Ctx } from "@/lib/auth/viewer";
import { getGroupAccess } from "@/lib/groups/access";
import { parseChannel } from "./channels";

/**
 * May this person subscribe to this channel? Checked against the database on every call, so a
 * removed member is refused the moment they try to re-subscribe. Unknown channel names are refused.
 */
export async function canSubscribe(db: DatabaseOrTransaction, ctx: Ctx, channelName: string): Promise<boolean> {
  const channel = parseChannel(channelName);
  if (!channel) return false;
  switch (channel.kind) {
    case "user":
      return channel.userId === ctx.userId;
    case "group":
      return (await getGroupAccess(db, ctx, channel.groupId))?.canRead ?? false;
    case "group-admin":
      return (await getGroupAccess(db, ctx, channel.groupId))?.canSeeStatistics ?? false;
  }
}
