import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RealtimeConnection } from "@/components/realtime/realtime-connection";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createGroup, createPerson } from "@/tests/fixtures";
import { connectAs, subscribed } from "@/tests/realtime-client";
import { groupChannelAt, userChannel } from "./channels";
import { getPusher } from "./server";

let handle: TestDatabase;
const connections: RealtimeConnection[] = [];

beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  for (const connection of connections) connection.close();
  await handle.close();
});

async function until(done: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe("the page's realtime connection (soketi)", () => {
  it("revives a subscription cancelled while still pending when it is asked for again, as React's development effects do", async () => {
    const company = await createCompany(handle.db, "Acme");
    const person = await createPerson(handle.db, company.id);
    const group = await createGroup(handle.db, person, { members: [person] });
    const name = groupChannelAt(group.id, 0);
    let authorize!: () => void;
    const heldBack = new Promise<void>((resolve) => (authorize = resolve));
    const connection = connectAs(handle.db, person, { beforeAuthorize: (channel) => (channel === name ? heldBack : Promise.resolve()) });
    connections.push(connection);
    // Connected and signed in: the person's own channel is in.
    await subscribed(connection.acquire(userChannel(person.id)));

    // Mount (the subscription waits for its authorization), unmount, mount again: all while pending.
    connection.acquire(name);
    connection.release(name);
    const channel = connection.acquire(name);
    const received: unknown[] = [];
    channel.bind("ping", (data: unknown) => received.push(data));
    authorize();

    await until(() => channel.subscribed, 3000);
    // Without the revival pusher-js completes the cancelled subscription and drops it at once.
    expect(channel.subscribed).toBe(true);
    await getPusher().trigger(name, "ping", { n: 1 });
    await until(() => received.length > 0, 3000);
    expect(received).toEqual([{ n: 1 }]);

    // Released for good, it is left for real.
    connection.release(name);
    expect(channel.subscribed).toBe(false);
  });
});
