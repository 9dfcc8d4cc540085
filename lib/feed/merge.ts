import type { FeedCursor, FeedEntry } from "./types";

/** Newest first by `(createdAt, id)`, the order the server pages in. */
const newerFirst = (a: FeedCursor, b: FeedCursor) =>
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

/** The newest entry's cursor; null for none. */
export function newestCursor(entries: readonly FeedEntry[]): FeedCursor | null {
  const newest = [...entries].sort(newerFirst)[0];
  return newest ? { createdAt: newest.createdAt, id: newest.id } : null;
}

/**
 * Where the next resync starts: the newest entry of what was fetched complete (the first page, the
 * resyncs since), never one that arrived live. A live entry says nothing of the entries before it
 * that did not arrive (published while the page was not listening, or to a channel it had just
 * left), and a resync from it would skip them.
 */
export function syncedCursor(synced: FeedCursor | null, fetched: readonly FeedEntry[]): FeedCursor | null {
  const newest = newestCursor(fetched);
  if (!synced || !newest) return newest ?? synced;
  return newerFirst(newest, synced) < 0 ? newest : synced;
}

/** Where "Load older" continues: the oldest entry held. */
export function oldestCursor(entries: readonly FeedEntry[]): FeedCursor | null {
  const oldest = entries.at(-1);
  return oldest ? { createdAt: oldest.createdAt, id: oldest.id } : null;
}
