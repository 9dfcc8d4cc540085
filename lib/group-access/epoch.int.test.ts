import { sql } from "drizzle-orm";
import type Pusher from "pusher-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Channel } from "pusher-js";
import type { RealtimeConnection } from "@/components/realtime/realtime-connection";
import { type ChatState, initialChat, receive, receiveSince, visibleThreads } from "@/components/chat/merge";
import { queryRows } from "@/db/client";
import { listMessages, messagesSince, type ChatMessageDto } from "@/lib/chat/queries";
import { postMessage } from "@/lib/chat/operations/post-message";
import { leaveGroup } from "@/lib/membership/operations/leave-group";
import { addMembers } from "@/lib/membership/operations/add-members";
import { moveMembers } from "@/lib/membership/operations/move-members";
import { removeMembers } from "@/lib/membership/operations/remove-members";
import { deactivatePerson } from "@/lib/people/operations/deactivate-person";
import { updatePerson } from "@/lib/people/operations/update-person";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createDepartment, createGroup, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { connectAs, subscribeAs } from "@/tests/realtime-client";
import { canSubscribe } from "./channels";
import { type ChannelEpochData, groupAdminChannelAt, groupChannelAt, type RealtimeEvent, realtimeEvents } from "@/lib/realtime/channels";
import { currentEpochs } from "@/lib/realtime/epochs";
import { deliver } from "@/lib/realtime/server";
import { requireGroupAccess } from "@/lib/group-access/access";

let handle: TestDatabase;
let companyId: string;
let admin: TestPerson;
const clients: Pusher[] = [];
const connections: RealtimeConnection[] = [];

beforeAll(async () => {
  handle = await createTestDatabase();
  companyId = (await createCompany(handle.db, "Acme")).id;
  admin = await createPerson(handle.db, companyId, { roles: ["admin"], name: "Ada Admin" });
});
afterAll(async () => {
  for (const client of clients) client.disconnect();
  for (const connection of connections) connection.close();
  await handle.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const epochOf = async (groupId: string) => (await currentEpochs(handle.db, [groupId])).get(groupId)!;
const people = (count: number, roles: ("admin" | "hr")[] = []) =>
  Promise.all(Array.from({ length: count }, (_, i) => createPerson(handle.db, companyId, { roles, name: `Person ${i}` })));

/** The person subscribes to the group's channel at its current epoch, as a page does: the route records the grant. */
async function letOn(person: TestPerson, groupId: string, channel: "group" | "admin" = "group") {
  const epoch = await epochOf(groupId);
  const name = channel === "group" ? groupChannelAt(groupId, epoch) : groupAdminChannelAt(groupId, epoch);
  expect(await canSubscribe(handle.db, person, name)).toBe(true);
}

/** The epoch announcements among an operation's events, as [old channel, new epoch]. */
const announced = (events: readonly RealtimeEvent[] = []) =>
  events.filter((e) => e.event === realtimeEvents.channelEpoch).map((e) => [e.channels[0], (e.data as ChannelEpochData).epoch]);

describe("which changes move a group's realtime epoch", () => {
  it("removing people who never subscribed moves nothing; a batch of people who did moves it once, announced on the old channels", async () => {
    const [a, b, c, d, stays] = await people(5);
    const group = await createGroup(handle.db, admin, { members: [a!, b!, c!, d!, stays!] });
    await letOn(a!, group.id);
    await letOn(b!, group.id);
    await letOn(stays!, group.id);

    const quiet = await removeMembers(handle.db, admin, { groupId: group.id, userIds: [c!.id, d!.id], operationId: opId() });
    expect(quiet.result.removed).toBe(2);
    expect(await epochOf(group.id)).toBe(0);
    expect(announced(quiet.events)).toEqual([]);

    const batch = await removeMembers(handle.db, admin, { groupId: group.id, userIds: [a!.id, b!.id], operationId: opId() });
    expect(await epochOf(group.id)).toBe(1);
    expect(announced(batch.events)).toEqual([
      [groupChannelAt(group.id, 0), 1],
      [groupAdminChannelAt(group.id, 0), 1],
    ]);
    // The old epoch is closed to everyone, the new one open to who may still read.
    expect(await canSubscribe(handle.db, stays!, groupChannelAt(group.id, 0))).toBe(false);
    expect(await canSubscribe(handle.db, a!, groupChannelAt(group.id, 1))).toBe(false);
    expect(await canSubscribe(handle.db, stays!, groupChannelAt(group.id, 2))).toBe(false);
    expect(await canSubscribe(handle.db, stays!, groupChannelAt(group.id, 1))).toBe(true);
    // The grants of the epoch left behind are forgotten; the new epoch's is recorded once, however often asked.
    expect(await canSubscribe(handle.db, stays!, groupChannelAt(group.id, 1))).toBe(true);
    const grants = await queryRows<{ epoch: number; userId: string }>(
      handle.db,
      sql`select epoch, user_id as "userId" from group_channel_grants where group_id = ${group.id}`,
    );
    expect(grants).toEqual([{ epoch: 1, userId: stays!.id }]);
    // Adding people moves nothing.
    await addMembers(handle.db, admin, { groupId: group.id, selection: { mode: "people", userIds: [a!.id] }, operationId: opId() });
    expect(await epochOf(group.id)).toBe(1);
  });

  it("a move, a leave and a deactivation move the groups where the person was let on, and no other", async () => {
    const [mover, leaver, leaver2, deactivated] = await people(4);
    const source = await createGroup(handle.db, admin, { members: [mover!] });
    const target = await createGroup(handle.db, admin, { members: [] });
    await letOn(mover!, source.id);
    await letOn(admin, target.id);
    const moved = await moveMembers(handle.db, admin, {
      groupId: source.id,
      targetGroupId: target.id,
      userIds: [mover!.id],
      operationId: opId(),
    });
    expect([await epochOf(source.id), await epochOf(target.id)]).toEqual([1, 0]);
    expect(announced(moved.events).map(([channel]) => channel)).toEqual([groupChannelAt(source.id, 0), groupAdminChannelAt(source.id, 0)]);

    const open = await createGroup(handle.db, admin, { visibility: "public", members: [leaver!, leaver2!] });
    await leaveGroup(handle.db, leaver2!, { groupId: open.id, operationId: opId() });
    expect(await epochOf(open.id)).toBe(0);
    await letOn(leaver!, open.id);
    const left = await leaveGroup(handle.db, leaver!, { groupId: open.id, operationId: opId() });
    expect(await epochOf(open.id)).toBe(1);
    expect(announced(left.events)).toHaveLength(2);

    const read = await createGroup(handle.db, admin, { members: [deactivated!] });
    const unread = await createGroup(handle.db, admin, { members: [deactivated!] });
    await letOn(deactivated!, read.id);
    const outcome = await deactivatePerson(handle.db, admin, { personId: deactivated!.id, operationId: opId() });
    expect([await epochOf(read.id), await epochOf(unread.id)]).toEqual([1, 0]);
    expect(announced(outcome.events).map(([channel]) => channel)).toEqual([groupChannelAt(read.id, 0), groupAdminChannelAt(read.id, 0)]);
  });

  it("taking the admin role, or deactivating an admin, moves every group they were let onto, member or not", async () => {
    const [demoted, untouched, leaving] = await people(3, ["admin"]);
    const [member] = await people(1);
    const notTheirs = await createGroup(handle.db, admin, { members: [member!] });
    const theirs = await createGroup(handle.db, admin, { members: [demoted!] });
    const figures = await createGroup(handle.db, admin, { members: [member!] });
    await letOn(demoted!, notTheirs.id);
    await letOn(demoted!, theirs.id);
    await letOn(demoted!, figures.id, "admin");
    // Another admin who never subscribed anywhere: taking their role moves nothing.
    const before = await Promise.all([notTheirs, theirs, figures].map((g) => epochOf(g.id)));
    await updatePerson(handle.db, admin, { personId: untouched!.id, roles: [], operationId: opId() });
    expect(await Promise.all([notTheirs, theirs, figures].map((g) => epochOf(g.id)))).toEqual(before);

    // Another department, or another role besides admin: nothing moves.
    const sales = await createDepartment(handle.db, companyId, `Sales ${opId().slice(0, 6)}`);
    await updatePerson(handle.db, admin, { personId: demoted!.id, departmentId: sales.id, operationId: opId() });
    await updatePerson(handle.db, admin, { personId: demoted!.id, roles: ["admin", "hr"], operationId: opId() });
    expect(await Promise.all([notTheirs, theirs, figures].map((g) => epochOf(g.id)))).toEqual(before);

    const demotion = await updatePerson(handle.db, admin, { personId: demoted!.id, roles: [], operationId: opId() });
    expect(await Promise.all([notTheirs, theirs, figures].map((g) => epochOf(g.id)))).toEqual([1, 1, 1]);
    expect(announced(demotion.events)).toHaveLength(6);
    // The demoted person keeps the group they are a member of, at its new epoch, and nothing else.
    expect(await canSubscribe(handle.db, { ...demoted!, roles: ["admin"] }, groupChannelAt(theirs.id, 1))).toBe(true);
    expect(await canSubscribe(handle.db, { ...demoted!, roles: ["admin"] }, groupChannelAt(notTheirs.id, 1))).toBe(false);
    expect(await canSubscribe(handle.db, { ...demoted!, roles: ["admin"] }, groupAdminChannelAt(figures.id, 1))).toBe(false);

    await letOn(leaving!, notTheirs.id);
    await deactivatePerson(handle.db, admin, { personId: leaving!.id, operationId: opId() });
    expect(await epochOf(notTheirs.id)).toBe(2);
    // A deactivated person's request is refused, whatever roles it was made with.
    expect(await canSubscribe(handle.db, { ...leaving!, roles: ["admin"] }, groupChannelAt(notTheirs.id, 2))).toBe(false);
  });
});

/**
 * A reader's page reduced to its chat: subscribed to the group's channel at the page's epoch through
 * the browser's own connection object, following the group to each new epoch the way the page's
 * hooks do (`useGroupChannel`, `useChatRoom`), and merging live messages, its own posts' responses
 * and resyncs with the page's own functions.
 */
async function chatReader(person: TestPerson, groupId: string) {
  const page = await listMessages(handle.db, person, await requireGroupAccess(handle.db, person, groupId));
  const rendered = await epochOf(groupId);
  const connection = connectAs(handle.db, person);
  connections.push(connection);
  let state: ChatState<ChatMessageDto, never> = initialChat(page.messages, page.nextCursor !== null, page.lastSeq);
  let current: { name: string; channel: Channel } | null = null;
  let ready!: () => void;
  const subscribedOnce = new Promise<void>((resolve) => (ready = resolve));
  const resync = async () => {
    for (;;) {
      const since = await messagesSince(handle.db, person, await requireGroupAccess(handle.db, person, groupId), state.syncedSeq);
      state = receiveSince(state, since);
      if (!since.hasMore) return;
    }
  };
  const follow = () => {
    const epoch = connection.epochs.epochOf(groupId, rendered);
    const name = groupChannelAt(groupId, epoch);
    if (current?.name === name) return;
    if (current) {
      current.channel.unbind();
      connection.release(current.name);
    }
    const channel = connection.acquire(name);
    current = { name, channel };
    channel.bind("pusher:subscription_succeeded", () => void resync().then(ready));
    channel.bind("pusher:subscription_error", () => connection.epochs.refused(groupId, epoch));
    channel.bind(realtimeEvents.channelEpoch, (data: ChannelEpochData) => connection.epochs.announced(groupId, data.epoch));
    channel.bind(realtimeEvents.chatMessage, (message: ChatMessageDto) => (state = receive(state, [message])));
  };
  connection.epochs.onChange(follow);
  follow();
  await subscribedOnce;
  return {
    /** What the page shows, in reading order. */
    shown: () =>
      visibleThreads(state)
        .flatMap((thread) => [thread.message, ...thread.replies])
        .map((m) => m.body),
    channel: () => current!.name,
    /** One's own post: the action's response goes through the merge too. */
    posted: (message: ChatMessageDto) => (state = receive(state, [message])),
  };
}

describe("a removed member's client that never signs in (soketi)", () => {
  it("hears the group while a member, nothing posted after the removal commits, and the others miss nothing", async () => {
    const [author, stays, removed] = await people(3);
    const group = await createGroup(handle.db, admin, { members: [author!, stays!, removed!] });
    // Two posts a second are over one person's chat rate limit: three people take turns.
    const post = async (body: string, by: TestPerson) => {
      const outcome = await postMessage(handle.db, by, { groupId: group.id, operationId: opId(), kind: "note", body });
      return { outcome, at: Date.now() };
    };

    // Subscribes as a raw pusher-js client does, and never calls signin(): soketi then keeps it.
    const raw = await subscribeAs(handle.db, removed!, groupChannelAt(group.id, 0));
    clients.push(raw.client);
    const heard: { body: string; at: number }[] = [];
    raw.channel.bind(realtimeEvents.chatMessage, (message: ChatMessageDto) => heard.push({ body: message.body, at: Date.now() }));
    // It also tries to follow the group to its next epoch, as an attacker would.
    const followed: string[] = [];
    raw.channel.bind(realtimeEvents.channelEpoch, (data: ChannelEpochData) => {
      const next = raw.client.subscribe(groupChannelAt(group.id, data.epoch));
      next.bind("pusher:subscription_succeeded", () => followed.push("let on"));
      next.bind("pusher:subscription_error", () => followed.push("refused"));
      next.bind(realtimeEvents.chatMessage, (message: ChatMessageDto) => heard.push({ body: message.body, at: Date.now() }));
    });
    const readers = { author: await chatReader(author!, group.id), stays: await chatReader(stays!, group.id) };

    // Positive control: while a member, the raw client hears the group's messages.
    const control = await post("control", author!);
    readers.author.posted(control.outcome.result);
    await deliver(control.outcome, handle.db);
    for (let waited = 0; heard.length === 0 && waited < 5000; waited += 20) await sleep(20);
    expect(heard.map((h) => h.body)).toEqual(["control"]);

    // A post every 500 ms for 10 s; the removal commits 2 s in.
    const bodies: string[] = [];
    const posted: { body: string; at: number }[] = [];
    const deliveries: Promise<void>[] = [];
    let removedAt = Infinity;
    const start = Date.now();
    for (let i = 0; i < 20; i++) {
      await sleep(Math.max(0, start + i * 500 - Date.now()));
      if (i === 4) {
        const removal = await removeMembers(handle.db, admin, { groupId: group.id, userIds: [removed!.id], operationId: opId() });
        removedAt = Date.now();
        deliveries.push(deliver(removal, handle.db));
      }
      const body = `message ${String(i).padStart(2, "0")}`;
      bodies.push(body);
      const by = [author!, stays!, admin][i % 3]!;
      const { outcome, at } = await post(body, by);
      posted.push({ body, at });
      if (by === author) readers.author.posted(outcome.result);
      if (by === stays) readers.stays.posted(outcome.result);
      // As after a response: published in the background.
      deliveries.push(deliver(outcome, handle.db));
    }
    await Promise.all(deliveries);
    // The readers move to the new epoch within 2 s and resync.
    for (let waited = 0; waited < 8000; waited += 50) {
      if (Object.values(readers).every((r) => r.shown().length === bodies.length + 1)) break;
      await sleep(50);
    }

    const afterRemoval = posted.filter((p) => p.at > removedAt).map((p) => p.body);
    expect(afterRemoval.length).toBeGreaterThanOrEqual(14);
    const heardBodies = heard.map((h) => h.body);
    // The bound: nothing posted from 1 s after the removal committed. It holds from the commit itself.
    expect(heardBodies.filter((body) => (posted.find((p) => p.body === body)?.at ?? 0) >= removedAt + 1000)).toEqual([]);
    expect(heardBodies.filter((body) => afterRemoval.includes(body))).toEqual([]);
    expect(followed).toEqual(["refused"]);
    expect(await epochOf(group.id)).toBe(1);

    for (const reader of Object.values(readers)) {
      expect(reader.shown()).toEqual(["control", ...bodies]);
      expect(reader.channel()).toBe(groupChannelAt(group.id, 1));
    }
  }, 40_000);
});
