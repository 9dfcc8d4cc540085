import { describe, expect, it } from "vitest";
import {
  addPending,
  dropPending,
  failPending,
  firstUnreadId,
  initialChat,
  receive,
  receiveOlder,
  type ChatState,
  visibleThreads,
} from "./merge";

type Message = { id: string; seq: number; operationKey: string; createdAt: string; body: string; replyToId: string | null; authorId: string };

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
    expect(state.highestSeq).toBe(2);
  });

  it("keeps the highest version when an edit arrives before the older copy", () => {
    let state = initialChat<Message, never>([], false);
    state = receive(state, [message("a", 5, 1, { body: "edited" })]);
    state = receive(state, [message("a", 1, 1, { body: "original" })]);
    expect(visibleMessages(state)[0]?.body).toBe("edited");
    expect(state.highestSeq).toBe(5);
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
    expect(state.highestSeq).toBe(4);
  });

  it("returns the same state for nothing new", () => {
    const state = initialChat<Message, never>([message("a", 1, 1)], false);
    expect(receive(state, [])).toBe(state);
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
    let state = initialChat<Message, never>([message("c", 3, 3), message("d", 4, 4)], true);
    // An edit of an older message arrives live (or by resync): held, not shown yet.
    state = receive(state, [message("a", 9, 1, { body: "edited" })]);
    expect(ids(visibleMessages(state))).toEqual(["c", "d"]);
    expect(state.highestSeq).toBe(9);
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
    let state = initialChat<Message, never>(
      [message("q", 2, 2), message("other", 3, 3), message("r1", 4, 4, { replyToId: "q" })],
      true,
    );
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

describe("firstUnreadId", () => {
  const list = [message("a", 1, 1), message("b", 2, 2, { authorId: "me" }), message("c", 3, 3)];
  it("is the first message by someone else after the last read", () => {
    expect(firstUnreadId(list, at(1), "me")).toBe("c");
    expect(firstUnreadId(list, null, "me")).toBe("a");
    expect(firstUnreadId(list, at(3), "me")).toBeNull();
  });
});
