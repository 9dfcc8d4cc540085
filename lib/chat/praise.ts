import "server-only";
import { sql } from "drizzle-orm";
import type { DatabaseOrTransaction } from "@/db/client";
import type { LearningGroup } from "@/db/schema";
import type { Ctx } from "@/lib/auth/viewer";
import { activityMessage } from "@/lib/learning/events";
import { activityReturning, readActivities } from "@/lib/learning/activities";
import { groupChannel, type RealtimeEvent, realtimeEvents } from "@/lib/realtime/channels";
import { MAX_EVENT_BYTES } from "./events";

/** Characters of an oversized praise kept in the feed's live event: at most 4 bytes each, well inside the limit. */
const LIVE_PRAISE_TEXT = 1_000;

/**
 * Praise enters the group's activity feed, which exists only for a group with a linked course:
 * the row names the author, the group and the message; its payload who was praised and the text.
 */
export async function recordPraise(
  tx: DatabaseOrTransaction,
  ctx: Ctx,
  group: LearningGroup,
  message: { id: string; body: string; praisedUserId: string; praisedUserName: string; authorName: string; now: Date },
): Promise<RealtimeEvent[]> {
  if (!group.courseId) return [];
  const payload = { praisedUserId: message.praisedUserId, praisedUserName: message.praisedUserName, text: message.body };
  const [row] = await readActivities(
    tx,
    sql`insert into activity_events (company_id, user_id, type, course_id, group_id, message_id, payload, created_at)
        values (${ctx.companyId}, ${ctx.userId}, 'praise', ${group.courseId}, ${group.id}, ${message.id},
                ${JSON.stringify(payload)}::jsonb, ${message.now})
        ${activityReturning}`,
  );
  const data = { ...activityMessage(row!, message.authorName), ...payload };
  // The feed's live entry must fit Pusher's limit too; the full text is in the row.
  if (Buffer.byteLength(JSON.stringify(data)) > MAX_EVENT_BYTES) data.text = `${message.body.slice(0, LIVE_PRAISE_TEXT)}…`;
  return [{ channels: [groupChannel(group.id)], event: realtimeEvents.activityCreated, data }];
}
