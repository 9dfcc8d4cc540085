import { once } from "node:events";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import type Pusher from "pusher-js";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { reloadEnv } from "@/base/env";
import { log } from "@/base/log";
import { type ChatState, initialChat, receive, receiveSince, visibleThreads } from "@/components/chat/merge";
import { requireGroupAccess } from "@/lib/group-access/access";
import { groupChannelAt, realtimeEvents } from "@/lib/realtime/channels";
import { deliver } from "@/lib/realtime/server";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createGroup, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { subscribeAs } from "@/tests/realtime-client";
import { postMessage } from "./operations/post-message";
import { type ChatMessageDto, listMessages, messagesSince } from "./queries";

/*
 * A realtime publish that fails after its transaction committed (issue 22, faults).
 *
 * What happens then: nothing retries it. Realtime has no outbox (the outbox carries mail only):
 * `publish` logs the failed call and moves on, since the message is safe in the database
 * (docs/architecture.md, "Realtime": a lost publish loses nothing but liveness). The reader notices
 * the gap at its next event: chat sequences are dense per group and given in commit order, so the
 * next message that arrives live lies above a missing one, `syncedSeq` stays below the gap, and the
 * chat room resyncs from it with `messagesSince` (use-chat-room.ts, after GAP_WAIT_MS), on the same
 * connection. Until another event comes (or the page subscribes again), the lost message stays unseen.
 */

/** A loopback port nothing listens on: connecting to it is refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Runs `publishing` with the server's realtime client pointed at a port nothing listens on, as when
 * soketi is down or unreachable for that publish; then points it back. The tier's soketi itself stays
 * up: every test file running at once shares it. The client is made anew from the environment on its
 * next use (`getPusher` keeps it on globalThis), as a server process makes it at start.
 */
async function withRealtimeUnreachable<T>(publishing: () => Promise<T>): Promise<T> {
  const saved = process.env.PUSHER_PORT;
  const pointAt = (port: string | undefined) => {
    if (port === undefined) delete process.env.PUSHER_PORT;
    else process.env.PUSHER_PORT = port;
    reloadEnv();
    delete (globalThis as { __cohortPusher?: unknown }).__cohortPusher;
  };
  pointAt(String(await closedPort()));
  try {
    return await publishing();
  } finally {
    pointAt(saved);
  }
}

let handle: TestDatabase;
let authors: TestPerson[];
let reader: TestPerson;
const clients: Pusher[] = [];

beforeAll(async () => {
  handle = await createTestDatabase();
  const companyId = (await createCompany(handle.db, "Acme")).id;
  // Two posts a second are over one person's chat rate limit: three authors take turns.
  authors = await Promise.all(["Ann", "Ben", "Cat"].map((name) => createPerson(handle.db, companyId, { name })));
  reader = await createPerson(handle.db, companyId, { name: "Rita Reader" });
});
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await handle.close();
});

describe("a chat message whose publish fails after commit", () => {
  it("reaches a reader who stays connected: the next live message shows the gap, the resync fills it, each message once", async () => {
    const group = await createGroup(handle.db, authors[0]!, { members: [...authors, reader] });
    const access = await requireGroupAccess(handle.db, reader, group.id);

    // The reader's chat, as the page keeps it: the first page, then live events and resyncs through the same merge.
    const page = await listMessages(handle.db, reader, access);
    let state: ChatState<ChatMessageDto, never> = initialChat(page.messages, page.nextCursor !== null, page.lastSeq);
    const resync = async () => {
      for (;;) {
        const since = await messagesSince(handle.db, reader, access, state.syncedSeq);
        state = receiveSince(state, since);
        if (!since.hasMore) return;
      }
    };
    const { client, channel } = await subscribeAs(handle.db, reader, groupChannelAt(group.id, 0));
    clients.push(client);
    const states: string[] = [];
    client.connection.bind("state_change", ({ current }: { current: string }) => states.push(current));
    let resubscribed = 0;
    channel.bind("pusher:subscription_succeeded", () => resubscribed++);
    const live: string[] = [];
    let resyncs = 0;
    channel.bind(realtimeEvents.chatMessage, (message: ChatMessageDto) => {
      live.push(message.body);
      state = receive(state, [message]);
      // A gap below what just arrived: fetched from where nothing is missing (the hook waits GAP_WAIT_MS first).
      if (state.aheadSeqs.length > 0) {
        resyncs++;
        void resync();
      }
    });

    const post = async (body: string, author: TestPerson) => {
      const posted = await postMessage(handle.db, author, { groupId: group.id, operationId: opId(), kind: "note", body });
      await deliver(posted, handle.db);
      return posted.result;
    };
    const until = async (done: () => boolean) => {
      const deadline = Date.now() + 10_000;
      while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
      expect(done()).toBe(true);
    };

    await post("one", authors[0]!);
    await until(() => state.syncedSeq === 1);

    const warn = vi.spyOn(log, "warn").mockImplementation(() => undefined);
    const lost = await withRealtimeUnreachable(() => post("two", authors[1]!));
    // Committed, and its publish failed (logged, never thrown): nothing will send it again.
    expect(lost.seq).toBe(2);
    expect(warn).toHaveBeenCalledWith("realtime publish failed", expect.objectContaining({ call: expect.any(String) }));
    warn.mockRestore();

    await post("three", authors[2]!);
    await until(() => state.syncedSeq === 3 && state.aheadSeqs.length === 0);

    expect(live).toEqual(["one", "three"]);
    expect(resyncs).toBe(1);
    const shown = visibleThreads(state).flatMap((thread) => [thread.message, ...thread.replies]);
    expect(shown.map((message) => message.body)).toEqual(["one", "two", "three"]);
    expect(new Set(shown.map((message) => message.id)).size).toBe(3);
    // Without reconnecting: the connection never left "connected", and the channel was subscribed once.
    expect(states).toEqual([]);
    expect(resubscribed).toBe(0);
    expect(client.connection.state).toBe("connected");
  });
});
