import type { FeedCursor, FeedEntry } from "./types";

/** Newest first by `(createdAt, id)`, the order the server pages in. */
const newerFirst = (a: FeedEntry, b: FeedEntry) =>
  a.createdAt === b.createdAt ? (a.id < b.id ? 1 : a.id > b.id ? -1 : 0) : a.createdAt < b.createdAt ? 1 : -1;

/**
 * The client's feed after entries arrive from any path (a live event, a resync, an older page):
 * each entry once, in the server's order, whatever order they came in.
 */
export function mergeFeed(held: readonly FeedEntry[], arrived: readonly FeedEntry[]): FeedEntry[] {
  const byId = new Map(held.map((entry) => [entry.id, entry]));
  for (const entry of arrived) byId.set(entry.id, entry);
  return [...byId.values()].sort(newerFirst);
}

/** Where a resync starts: the newest entry held. */
export function newestCursor(entries: readonly FeedEntry[]): FeedCursor | null {
  const newest = entries[0];
  return newest ? { createdAt: newest.createdAt, id: newest.id } : null;
}

/** Where "Load older" continues: the oldest entry held. */
export function oldestCursor(entries: readonly FeedEntry[]): FeedCursor | null {
  const oldest = entries.at(-1);
  return oldest ? { createdAt: oldest.createdAt, id: oldest.id } : null;
}
