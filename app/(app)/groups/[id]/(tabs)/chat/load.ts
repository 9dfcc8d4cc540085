import type { DatabaseOrTransaction } from "@/db/client";
import { listMessages } from "@/lib/chat/queries";
import { readChannelEpoch, type ReadablePage } from "../../load";

/** The Chat tab: the newest page of messages, and the epoch the chat follows live from. */
export async function readChatTab(db: DatabaseOrTransaction, page: ReadablePage) {
  const [messages, channelEpoch] = await Promise.all([listMessages(db, page.viewer, page.access), readChannelEpoch(db, page.group.id)]);
  return { messages, channelEpoch };
}
