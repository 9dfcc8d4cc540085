import type { DatabaseOrTransaction } from "@/db/client";
import { listFeed } from "@/lib/feed/queries";
import { readChannelEpoch, type ReadablePage } from "../../load";

/** The Activity tab: the feed's first page, and the epoch it follows live from. */
export async function readActivityTab(db: DatabaseOrTransaction, page: ReadablePage) {
  const [feed, channelEpoch] = await Promise.all([listFeed(db, page.viewer, page.access), readChannelEpoch(db, page.group.id)]);
  return { feed, channelEpoch };
}
