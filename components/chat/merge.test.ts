import { describe, expect, it } from "vitest";
import {
  addPending,
  dropPending,
  failPending,
  firstUnreadId,
  initialChat,
  receive,
  receiveEarlierReplies,
  receiveOlder,
  receiveSince,
  holds,
  type ChatState,
  visibleThreads,
} from "./merge";

type Message = {
  id: string;
  seq: number;
  operationKey: string;
  createdAt: string;
  body: string;
  replyToId: string | null;
  authorId: string;
};

const at = (minute: number) => new Date(Date.UTC(2026, 10, 26, 9, minute)).toISOString();
const message = (id: string, seq: number, minute: number, extra: Partial<Message> = {}): Message => ({
  id,
  seq,
  operationKey: `op-${id}`,
  createdAt: at(minute),
  body: `body ${id} @${seq}`,
  replyToId: null,
  authorId: "someone",
  ...extra,
});
const draft = (operationKey: string, minute: number) => ({ operationKey, createdAt: at(minute), draft: { body: "draft" } });
const ids = (list: readonly { id: string }[]) => list.map((m) => m.id);
/** What the page shows, in reading order. */
const visibleMessages = (state: ChatState<Message, unknown>) => visibleThreads(state).flatMap((t) => [t.message, ...t.replies]);

describe("receive", () => {
  it("holds each message once, whatever the number of copies", () => {
    let state = initialChat<Message, { body: string }>([message("a", 1, 1)], false);
    state = receive(state, [message("b", 2, 2)]);
    state = receive(state, [message("b", 2, 2), message("a", 1, 1)]);
    expect(ids(visibleMessages(state))).toEqual(["a", "b"]);
    expect(state.syncedSeq).toBe(2);
  });

  it("keeps the highest version when an edit arrives before the older copy", () => {
    let state = initialChat<Message, never>([], false);
    state = receive(state, [message("a", 5, 1, { body: "edited" })]);
    state = receive(state, [message("a", 1, 1, { body: "original" })]);
    expect(visibleMessages(state)[0]?.body).toBe("edited");
    // 2 to 4 were never seen: the next resync starts at 1, not at 5.
    expect(state.syncedSeq).toBe(1);
    expect(state.aheadSeqs).toEqual([5]);
  });

  it("orders by time, not by arrival", () => {
    let state = initialChat<Message, never>([], false);
    state = receive(state, [message("c", 3, 3)]);
    state = receive(state, [message("a", 1, 1), message("b", 2, 2)]);
    expect(ids(visibleMessages(state))).toEqual(["a", "b", "c"]);
  });

  it("applies edits and deletes of held messages", () => {
    let state = initialChat<Message, never>([message("a", 1, 1), message("b", 2, 2)], false);
    state = receive(state, [message("a", 3, 1, { body: "edited" }), message("b", 4, 2, { body: "" })]);
    expect(visibleMessages(state).map((m) => m.body)).toEqual(["edited", ""]);
    expect(state.syncedSeq).toBe(4);
  });

  it("returns the same state for nothing new", () => {
    const state = initialChat<Message, never>([message("a", 1, 1)], false);
    expect(receive(state, [])).toBe(state);
  });
});

describe("where the next resync starts", () => {
  /** The server's side: every message at its newest version, as `messagesSince` answers. */
  const server = (...messages: Message[]) => ({
    since: (seq: number) => {
      const newer = messages.filter((m) => m.seq > seq).sort((x, y) => x.seq - y.seq);
      return { messages: newer, lastSeq: newer.at(-1)?.seq ?? seq };
    },
  });

  it("stays below messages missed during an outage, though one's own post answered meanwhile is above them", () => {
    // The page was read at seq 3; the socket then dropped while others posted 4 and 5.
    let state = initialChat<Message, { body: string }>([message("a", 1, 1), message("b", 2, 2), message("c", 3, 3)], false, 3);
    const theirs = [message("d", 4, 4), message("e", 5, 5)];
    state = addPending(state, draft("op-mine", 6));
    // The action response of one's own post, during the outage.
    const mine = message("mine", 6, 6);
    state = receive(state, [mine]);
    expect(state.pending).toEqual([]);
    expect(state.syncedSeq).toBe(3);
    // The resync after the reconnect starts at 3 and brings 4 and 5, and one's own post again.
    state = receiveSince(state, server(...theirs, mine).since(state.syncedSeq));
    expect(ids(visibleMessages(state))).toEqual(["a", "b", "c", "d", "e", "mine"]);
    expect(state.syncedSeq).toBe(6);
    expect(state.aheadSeqs).toEqual([]);
  });

  it("moves up through sequences seen one after the other, in any order of arrival", () => {
    let state = initialChat<Message, never>([], false, 3);
    state = receive(state, [message("f", 6, 6)]);
    state = receive(state, [message("d", 4, 4)]);
    expect([state.syncedSeq, state.aheadSeqs]).toEqual([4, [6]]);
    state = receive(state, [message("e", 5, 5)]);
    expect([state.syncedSeq, state.aheadSeqs]).toEqual([6, []]);
  });

  it("closes a gap left by a version superseded before it arrived, through the resync", () => {
    // 4 was x's first version, lost; 5 is its edit, received. Nothing will ever bring 4 live.
    let state = initialChat<Message, never>([], false, 3);
    const edited = message("x", 5, 4, { body: "edited" });
    state = receive(state, [edited]);
    expect([state.syncedSeq, state.aheadSeqs]).toEqual([3, [5]]);
    state = receiveSince(state, server(edited).since(state.syncedSeq));
    expect([state.syncedSeq, state.aheadSeqs]).toEqual([5, []]);
    expect(visibleMessages(state).map((m) => m.body)).toEqual(["edited"]);
  });

  it("after a resync in batches, goes on from the batch's end through what was seen above it", () => {
    let state = initialChat<Message, never>([], false, 0);
    state = receive(state, [message("c", 3, 3), message("e", 5, 5)]);
    // The first batch covered 1 and 2 (a limit of 2); 3 was already seen, 4 is still to come.
    state = receiveSince(state, { messages: [message("a", 1, 1), message("b", 2, 2)], lastSeq: 2 });
    expect([state.syncedSeq, state.aheadSeqs]).toEqual([3, [5]]);
  });

  it("counts a notice of a message too large to travel live as nothing held", () => {
    let state = initialChat<Message, never>([message("a", 1, 1)], false, 1);
    expect(holds(state, { id: "big", seq: 2 })).toBe(false);
    expect(holds(state, { id: "a", seq: 1 })).toBe(true);
    expect(state.syncedSeq).toBe(1);
    state = receiveSince(state, { messages: [message("big", 2, 2)], lastSeq: 2 });
    expect(holds(state, { id: "big", seq: 2 })).toBe(true);
  });
});

describe("pending messages", () => {
  it("are replaced by the server copy from the action response, and the realtime copy afterwards changes nothing", () => {
    let state = initialChat<Message, { body: string }>([], false);
    state = addPending(state, draft("op-x", 1));
    expect(state.pending).toHaveLength(1);
    state = receive(state, [message("x", 1, 1)]);
    expect(state.pending).toEqual([]);
    state = receive(state, [message("x", 1, 1)]);
    expect(ids(visibleMessages(state))).toEqual(["x"]);
  });

  it("are replaced when the realtime copy comes first", () => {
    let state = initialChat<Message, { body: string }>([], false);
    state = addPending(state, draft("op-x", 1));
    state = addPending(state, draft("op-y", 2));
    state = receive(state, [message("y", 2, 2)]);
    expect(state.pending.map((p) => p.operationKey)).toEqual(["op-x"]);
    state = receive(state, [message("y", 2, 2), message("x", 1, 1)]);
    expect(state.pending).toEqual([]);
    expect(ids(visibleMessages(state))).toEqual(["x", "y"]);
  });

  it("are not added again once their server copy is held", () => {
    let state = initialChat<Message, { body: string }>([message("x", 1, 1)], false);
    state = addPending(state, draft("op-x", 1));
    expect(state.pending).toEqual([]);
  });

  it("can fail, be retried with the same key (held once) or be discarded", () => {
    let state = initialChat<Message, { body: string }>([], false);
    state = addPending(state, draft("op-x", 1));
    state = failPending(state, "op-x");
    expect(state.pending[0]?.failed).toBe(true);
    state = addPending(state, draft("op-x", 1));
    expect(state.pending).toHaveLength(1);
    expect(state.pending[0]?.failed).toBe(false);
    state = dropPending(state, "op-x");
    expect(state.pending).toEqual([]);
  });
});

describe("paging", () => {
  it("hides what is older than the first page until Load older reaches it, without losing its newest version", () => {
    let state = initialChat<Message, never>([message("c", 3, 3), message("d", 4, 4)], true, 4);
    // An edit of an older message arrives live (or by resync): held, not shown yet.
    state = receive(state, [message("a", 9, 1, { body: "edited" })]);
    expect(ids(visibleMessages(state))).toEqual(["c", "d"]);
    expect(state.syncedSeq).toBe(4);
    // The older page was read just before that edit: the edit still wins.
    state = receiveOlder(state, [message("a", 1, 1, { body: "original" }), message("b", 2, 2)], false);
    expect(ids(visibleMessages(state))).toEqual(["a", "b", "c", "d"]);
    expect(visibleMessages(state)[0]?.body).toBe("edited");
    expect(state.floor).toBeNull();
  });

  it("moves the floor back one page at a time", () => {
    let state = initialChat<Message, never>([message("c", 3, 3)], true);
    state = receiveOlder(state, [message("b", 2, 2)], true);
    expect(state.floor).toEqual({ createdAt: at(2), id: "b" });
    expect(ids(visibleMessages(state))).toEqual(["b", "c"]);
  });
});

describe("visibleThreads", () => {
  it("puts replies under their message, and keeps replies to messages not shown until Load older", () => {
    let state = initialChat<Message, never>([message("q", 2, 2), message("other", 3, 3), message("r1", 4, 4, { replyToId: "q" })], true);
    state = receive(state, [message("r2", 5, 5, { replyToId: "q" }), message("late", 6, 6, { replyToId: "old" })]);
    expect(visibleThreads(state).map((t) => [t.message.id, ids(t.replies)])).toEqual([
      ["q", ["r1", "r2"]],
      ["other", []],
    ]);
    state = receiveOlder(state, [message("old", 1, 1)], false);
    expect(visibleThreads(state).map((t) => [t.message.id, ids(t.replies)])).toEqual([
      ["old", ["late"]],
      ["q", ["r1", "r2"]],
      ["other", []],
    ]);
  });

  it("sets the floor by the oldest message opening a thread, not by a reply", () => {
    const state = initialChat<Message, never>([message("r", 5, 5, { replyToId: "q" }), message("q", 4, 4)], true);
    expect(state.floor).toEqual({ createdAt: at(4), id: "q" });
  });
});

describe("earlier replies", () => {
  const reply = (id: string, seq: number, minute: number, extra: Partial<Message> = {}) =>
    message(id, seq, minute, { replyToId: "q", ...extra });
  const shown = (state: ChatState<Message, never>) => visibleThreads(state).map((t) => [t.message.id, ids(t.replies), t.earlierReplies]);

  it("shows a thread's newest replies, counts the earlier ones, and shows them once each as their pages come", () => {
    // The page came with the newest two of q's five replies.
    let state = initialChat<Message, never>([message("q", 1, 1), reply("r4", 5, 14), reply("r5", 6, 15)], false, 6, { q: 5 });
    expect(shown(state)).toEqual([["q", ["r4", "r5"], 3]]);
    // A resync brings an edit of a hidden reply and a new reply: the new one shows at once, the edit waits with its page.
    state = receiveSince(state, { messages: [reply("r2", 7, 12, { body: "edited" }), reply("r6", 8, 16)], lastSeq: 8 });
    expect(shown(state)).toEqual([["q", ["r4", "r5", "r6"], 3]]);
    // "Show earlier replies", a page of two (read before the edit), then the last one.
    state = receiveEarlierReplies(state, "q", [reply("r2", 3, 12), reply("r3", 4, 13)], true);
    expect(shown(state)).toEqual([["q", ["r2", "r3", "r4", "r5", "r6"], 1]]);
    expect(visibleThreads(state)[0]?.replies[0]?.body).toBe("edited");
    state = receiveEarlierReplies(state, "q", [reply("r1", 2, 11)], false);
    expect(shown(state)).toEqual([["q", ["r1", "r2", "r3", "r4", "r5", "r6"], 0]]);
    expect(state.earlier.size).toBe(0);
    expect(state.syncedSeq).toBe(8);
  });

  it("counts the earlier replies of threads an older page brings, and leaves whole threads alone", () => {
    let state = initialChat<Message, never>([message("c", 9, 9)], true, 9);
    state = receiveOlder(state, [message("q", 1, 1), reply("r3", 4, 3), message("b", 5, 5), reply("b1", 6, 6, { replyToId: "b" })], false, {
      q: 3,
      b: 1,
    });
    expect(shown(state)).toEqual([
      ["q", ["r3"], 2],
      ["b", ["b1"], 0],
      ["c", [], 0],
    ]);
    expect(state.earlier.get("q")?.floor).toEqual({ createdAt: at(3), id: "r3" });
  });
});

describe("firstUnreadId", () => {
  const list = [message("a", 1, 1), message("b", 2, 2, { authorId: "me" }), message("c", 3, 3)];
  it("is the first message by someone else after the last read", () => {
    expect(firstUnreadId(list, at(1), "me")).toBe("c");
    expect(firstUnreadId(list, null, "me")).toBe("a");
    expect(firstUnreadId(list, at(3), "me")).toBeNull();
  });
});
