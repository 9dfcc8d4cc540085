/**
 * The chat's client state, kept as pure functions so the order in which copies of a message
 * arrive (action response, realtime event, resync, "Load older", "Show earlier replies") never matters: each message is
 * held once, at its highest sequence; a pending message is replaced by the server's copy that
 * carries its operation key, whichever comes first. The next resync starts from the highest
 * sequence up to which nothing can be missing, never from the highest one seen: a copy that came on
 * its own (one's own post answered during an outage, a live event after a lost one) says nothing of
 * the sequences below it.
 */

/** What the merge needs of a server message; the chat's DTO carries more. */
export type Versioned = { id: string; seq: number; operationKey: string; createdAt: string };
type Threaded = Versioned & { replyToId: string | null };

/** A message sent but not yet confirmed by the server; `failed` once its action said no. */
export type PendingMessage<D> = { operationKey: string; createdAt: string; draft: D; failed: boolean };

/** The oldest message opening a thread in the pages loaded: older threads are not shown until "Load older" reaches them. */
export type Floor = { createdAt: string; id: string };

/**
 * A thread whose earlier replies are not shown: those older than `floor` (the oldest reply its page
 * came with), `count` of them, until "Show earlier replies" reaches them. A copy of one arriving
 * meanwhile (a resync brings edits and deletes of any reply) is held but waits with them.
 */
export type EarlierReplies = { floor: Floor; count: number };

export type ChatState<M extends Threaded, D> = {
  messages: ReadonlyMap<string, M>;
  pending: readonly PendingMessage<D>[];
  /**
   * Every message whose newest version is at or below this sequence is held at that version (the
   * floor aside): where the next resync starts. Sequences are the group's, dense and given in commit
   * order, so it moves up only through sequences seen one after the other, or through a resync.
   */
  syncedSeq: number;
  /** Sequences above `syncedSeq` already seen, ascending: the gaps below them are still to come. */
  aheadSeqs: readonly number[];
  /** Null when the whole history is loaded. */
  floor: Floor | null;
  /** By thread id: the threads with replies still to show; every reply of the others is shown. */
  earlier: ReadonlyMap<string, EarlierReplies>;
};

const byTime = (a: Floor, b: Floor) =>
  a.createdAt === b.createdAt ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.createdAt < b.createdAt ? -1 : 1;

function oldest<M extends Threaded>(page: readonly M[], replyTo: string | null = null): Floor | null {
  const first = page.filter((message) => message.replyToId === replyTo).sort(byTime)[0];
  return first ? { createdAt: first.createdAt, id: first.id } : null;
}

/** How many replies each thread has (`counts`, by id), against those the page came with. */
export type ReplyCounts = Readonly<Record<string, number>>;

/** The page's threads that have more replies than the page came with, added to `earlier`. */
function withEarlier<M extends Threaded>(
  earlier: ReadonlyMap<string, EarlierReplies>,
  page: readonly M[],
  counts: ReplyCounts,
): ReadonlyMap<string, EarlierReplies> {
  const next = new Map(earlier);
  for (const [threadId, count] of Object.entries(counts)) {
    const shown = page.filter((message) => message.replyToId === threadId);
    const floor = oldest(page, threadId);
    if (floor && count > shown.length) next.set(threadId, { floor, count: count - shown.length });
  }
  return next;
}

/** `syncedSeq` moved up to `synced` (at least), then on through the sequences seen right above it. */
function advance(synced: number, ahead: Iterable<number>): { syncedSeq: number; aheadSeqs: number[] } {
  const above = [...new Set(ahead)].filter((seq) => seq > synced).sort((a, b) => a - b);
  let next = synced;
  while (above[0] === next + 1) next = above.shift()!;
  return { syncedSeq: next, aheadSeqs: above };
}

/**
 * The state after the first page (newest messages); `hasOlder` says whether older ones exist,
 * `lastSeq` is the group's sequence read before the page, `replyCounts` its threads' replies.
 */
export function initialChat<M extends Threaded, D>(
  page: readonly M[],
  hasOlder: boolean,
  lastSeq = 0,
  replyCounts: ReplyCounts = {},
): ChatState<M, D> {
  const floor = hasOlder ? oldest(page) : null;
  const earlier = withEarlier(new Map(), page, replyCounts);
  return receive({ messages: new Map(), pending: [], syncedSeq: lastSeq, aheadSeqs: [], floor, earlier }, page);
}

/**
 * Merges server copies of messages (from any source, in any order): each id keeps its highest
 * sequence, and pending messages confirmed by one of them leave. Their sequences count as seen.
 */
export function receive<M extends Threaded, D>(state: ChatState<M, D>, incoming: readonly M[]): ChatState<M, D> {
  if (incoming.length === 0) return state;
  const messages = new Map(state.messages);
  for (const message of incoming) {
    const held = messages.get(message.id);
    if (!held || held.seq < message.seq) messages.set(message.id, message);
  }
  const confirmed = new Set(incoming.map((message) => message.operationKey));
  const pending = state.pending.some((p) => confirmed.has(p.operationKey))
    ? state.pending.filter((p) => !confirmed.has(p.operationKey))
    : state.pending;
  const seqs = advance(state.syncedSeq, [...state.aheadSeqs, ...incoming.map((message) => message.seq)]);
  return { ...state, messages, pending, ...seqs };
}

/**
 * A resync's answer: every message whose newest version is above the sequence asked from, up to
 * `lastSeq` (`messagesSince`, in sequence order). Nothing at or below `lastSeq` can be missing now.
 */
export function receiveSince<M extends Threaded, D>(
  state: ChatState<M, D>,
  since: { messages: readonly M[]; lastSeq: number },
): ChatState<M, D> {
  const merged = receive(state, since.messages);
  return { ...merged, ...advance(Math.max(merged.syncedSeq, since.lastSeq), merged.aheadSeqs) };
}

/** Is this message (or a newer version of it) held? A notice of one too large to travel live says no. */
export function holds<M extends Threaded, D>(state: ChatState<M, D>, notice: { id: string; seq: number }): boolean {
  return (state.messages.get(notice.id)?.seq ?? -1) >= notice.seq;
}

/** An older page arrived: merge it and show history back to its oldest message (or all of it). */
export function receiveOlder<M extends Threaded, D>(
  state: ChatState<M, D>,
  page: readonly M[],
  hasOlder: boolean,
  replyCounts: ReplyCounts = {},
): ChatState<M, D> {
  const merged = receive(state, page);
  const pageFloor = oldest(page);
  const floor = !hasOlder ? null : pageFloor && state.floor && byTime(pageFloor, state.floor) > 0 ? state.floor : pageFloor;
  return { ...merged, floor, earlier: withEarlier(state.earlier, page, replyCounts) };
}

/**
 * A thread's earlier replies arrived (the page before its floor): merge them and show the thread
 * back to the oldest of them, or whole when `hasMore` says none is left.
 */
export function receiveEarlierReplies<M extends Threaded, D>(
  state: ChatState<M, D>,
  threadId: string,
  replies: readonly M[],
  hasMore: boolean,
): ChatState<M, D> {
  const merged = receive(state, replies);
  const held = state.earlier.get(threadId);
  const floor = oldest(replies, threadId);
  const earlier = new Map(state.earlier);
  // At least one while the server says more remain: replies go only with their author's account.
  if (held && floor && hasMore) earlier.set(threadId, { floor, count: Math.max(held.count - replies.length, 1) });
  else earlier.delete(threadId);
  return { ...merged, earlier };
}

/** Adds a message being sent; nothing changes when the server's copy is already held (a retry that arrived late). */
export function addPending<M extends Threaded, D>(state: ChatState<M, D>, pending: Omit<PendingMessage<D>, "failed">): ChatState<M, D> {
  const held = [...state.messages.values()].some((message) => message.operationKey === pending.operationKey);
  if (held) return state;
  const others = state.pending.filter((p) => p.operationKey !== pending.operationKey);
  return { ...state, pending: [...others, { ...pending, failed: false }] };
}

/** The send failed: keep the draft, marked, so it can be retried with the same operation key or discarded. */
export function failPending<M extends Threaded, D>(state: ChatState<M, D>, operationKey: string): ChatState<M, D> {
  return { ...state, pending: state.pending.map((p) => (p.operationKey === operationKey ? { ...p, failed: true } : p)) };
}

export function dropPending<M extends Threaded, D>(state: ChatState<M, D>, operationKey: string): ChatState<M, D> {
  return { ...state, pending: state.pending.filter((p) => p.operationKey !== operationKey) };
}

/** `earlierReplies`: how many of its replies, older than those shown, wait for "Show earlier replies". */
export type Thread<M> = { message: M; replies: M[]; earlierReplies: number };

/**
 * What to show, oldest first: the messages from the floor on, each with its replies beneath it
 * (threads are one level deep). A reply to a message not shown waits for "Load older", one older
 * than its thread's floor for "Show earlier replies".
 */
export function visibleThreads<M extends Threaded, D>(state: ChatState<M, D>): Thread<M>[] {
  const floor = state.floor;
  const all = [...state.messages.values()].sort(byTime);
  const threads = new Map<string, Thread<M>>();
  for (const message of all) {
    if (message.replyToId === null) {
      const earlier = state.earlier.get(message.id);
      if (!floor || byTime(message, floor) >= 0) threads.set(message.id, { message, replies: [], earlierReplies: earlier?.count ?? 0 });
    } else {
      const replyFloor = state.earlier.get(message.replyToId)?.floor;
      if (!replyFloor || byTime(message, replyFloor) >= 0) threads.get(message.replyToId)?.replies.push(message);
    }
  }
  return [...threads.values()];
}

/**
 * Where the "New" divider goes: the first message in reading order that someone else wrote after
 * the person last read the chat; null when there is none.
 */
export function firstUnreadId<M extends Versioned & { authorId: string }>(
  ordered: readonly M[],
  lastReadAt: string | null,
  viewerId: string,
): string | null {
  return ordered.find((message) => message.authorId !== viewerId && (lastReadAt === null || message.createdAt > lastReadAt))?.id ?? null;
}
