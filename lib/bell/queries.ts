import "server-only";
import type { DatabaseOrTransaction } from "@/db/client";
import type { Ctx } from "@/lib/auth/viewer";
import type { ChatActivity } from "@/lib/chat/activity";
import { listChatActivity } from "@/lib/chat/unread";
import { countUnreadNotifications } from "@/lib/notifications/queries";

/**
 * What the bell shows before it is opened: my own notifications (`lib/notifications`) and my groups'
 * chat news (`lib/chat/unread.ts`), composed here, above both.
 */
export type BellState = { unread: number; chat: ChatActivity[] };

export async function loadBell(db: DatabaseOrTransaction, ctx: Ctx): Promise<BellState> {
  const [unread, chat] = await Promise.all([countUnreadNotifications(db, ctx), listChatActivity(db, ctx)]);
  return { unread, chat };
}
