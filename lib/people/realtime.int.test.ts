import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadViewer } from "@/lib/auth/viewer";
import { groupChannelAt, realtimeEvents } from "@/lib/realtime/channels";
import { deliver } from "@/lib/realtime/server";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createGroup, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { subscribeAs } from "@/tests/realtime-client";
import { deactivatePerson } from "./operations/deactivate-person";

let handle: TestDatabase;
let admin: TestPerson;

beforeAll(async () => {
  handle = await createTestDatabase();
  const acme = await createCompany(handle.db, "Acme");
  admin = await createPerson(handle.db, acme.id, { roles: ["admin"] });
});
afterAll(() => handle.close());

describe("deactivation and realtime (soketi)", () => {
  it("ends the person's open connection, and moves the group they read to a new epoch, which its watchers hear", async () => {
    const leaver = await createPerson(handle.db, admin.companyId);
    const group = await createGroup(handle.db, admin, { members: [leaver] });
    const theirs = await subscribeAs(handle.db, leaver, groupChannelAt(group.id, 0), { signIn: true });
    const watcher = await subscribeAs(handle.db, admin, groupChannelAt(group.id, 0));
    try {
      const closed = new Promise<void>((resolve) => {
        theirs.client.connection.bind("state_change", ({ current }: { current: string }) => {
          if (current !== "connected") resolve();
        });
      });
      const heard = new Promise<unknown>((resolve) => watcher.channel.bind(realtimeEvents.channelEpoch, resolve));

      const outcome = await deactivatePerson(handle.db, admin, { personId: leaver.id, operationId: opId() });
      await deliver(outcome, handle.db);

      await closed;
      // The channel they were let onto carries nothing more; the others move to the next epoch.
      expect(await heard).toEqual({ groupId: group.id, epoch: 1 });
      expect(watcher.client.connection.state).toBe("connected");
      // Their client would sign in again; every request now finds nobody.
      expect(await loadViewer(handle.db, leaver.id)).toBeNull();
    } finally {
      theirs.client.disconnect();
      watcher.client.disconnect();
    }
  });
});
