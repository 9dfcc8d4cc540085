import type { DatabaseOrTransaction } from "@/db/client";
import { findLinkedMessage } from "@/lib/chat/linked";
import { listMessages } from "@/lib/chat/queries";
import { readChannelEpoch, type ReadablePage } from "../../load";

/**
 * The Chat tab: the newest page of messages, and the epoch the chat follows live from. Opened at a
 * linked message (`?message=`, a notification's), the page reaches back to that message's thread.
 */
export async function readChatTab(db: DatabaseOrTransaction, page: ReadablePage, linkedId: string | null) {
  const linked = linkedId ? await findLinkedMessage(db, page.viewer, page.access, linkedId) : null;
  const [messages, channelEpoch] = await Promise.all([
    listMessages(db, page.viewer, page.access, { limit: linked?.limit }),
    readChannelEpoch(db, page.group.id),
  ]);
  return { messages, channelEpoch, linked };
}
