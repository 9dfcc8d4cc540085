import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadViewer } from "@/lib/auth/viewer";
import { groupChannel, realtimeEvents } from "@/lib/realtime/channels";
import { deliver } from "@/lib/realtime/server";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createGroup, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { subscribeAs } from "@/tests/realtime-client";
import { deactivatePerson } from "./service";

let handle: TestDatabase;
let admin: TestPerson;

beforeAll(async () => {
  handle = await createTestDatabase();
  const acme = await createCompany(handle.db, "Acme");
  admin = await createPerson(handle.db, acme.id, { roles: ["admin"] });
});
afterAll(() => handle.close());

describe("deactivation and realtime (soketi)", () => {
  it("ends the person's open connection, and the group's watchers hear that its members changed", async () => {
    const leaver = await createPerson(handle.db, admin.companyId);
    const group = await createGroup(handle.db, admin, { members: [leaver] });
    const theirs = await subscribeAs(handle.db, leaver, groupChannel(group.id), { signIn: true });
    const watcher = await subscribeAs(handle.db, admin, groupChannel(group.id));
    try {
      const closed = new Promise<void>((resolve) => {
        theirs.client.connection.bind("state_change", ({ current }: { current: string }) => {
          if (current !== "connected") resolve();
        });
      });
      const heard = new Promise<unknown>((resolve) => watcher.channel.bind(realtimeEvents.membershipChanged, resolve));

      const outcome = await deactivatePerson(handle.db, admin, { personId: leaver.id, operationId: opId() });
      await deliver(outcome);

      await closed;
      expect(await heard).toEqual({ groupId: group.id });
      expect(watcher.client.connection.state).toBe("connected");
      // Their client would sign in again; every request now finds nobody.
      expect(await loadViewer(handle.db, leaver.id)).toBeNull();
    } finally {
      theirs.client.disconnect();
      watcher.client.disconnect();
    }
  });
});
