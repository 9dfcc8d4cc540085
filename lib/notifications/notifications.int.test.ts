import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { type PersonalNews, userChannel } from "@/lib/realtime/channels";
import { publish } from "@/lib/realtime/server";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { subscribeAs } from "@/tests/realtime-client";
import { countUnreadNotifications, listNotifications } from "./queries";
import { createNotifications } from "./sql";
import { markAllNotificationsRead } from "./operations/mark-all-notifications-read";
import { markNotificationRead } from "./operations/mark-notification-read";
import type { NewNotification } from "./types";

let handle: TestDatabase;
let acmePerson: TestPerson;
let globexPerson: TestPerson;

const added = (person: TestPerson, groupName: string): NewNotification => ({
  companyId: person.companyId,
  userId: person.id,
  type: "group.added",
  payload: { groupName, actorName: "Dana Admin" },
});

beforeAll(async () => {
  handle = await createTestDatabase();
  acmePerson = await createPerson(handle.db, (await createCompany(handle.db, "Acme")).id);
  globexPerson = await createPerson(handle.db, (await createCompany(handle.db, "Globex")).id);
});
afterAll(() => handle.close());

describe("notifications", () => {
  it("lists newest first with a stable cursor and counts unread", async () => {
    // One millisecond apart: within one millisecond the order is by id, which is random, so
    // "Group 23 after Group 22" would be luck.
    for (let i = 1; i <= 25; i++) {
      await createNotifications(handle.db, [added(acmePerson, `Group ${i}`)]);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const first = await listNotifications(handle.db, acmePerson, null, 10);
    expect(first.items.map((n) => n.payload.groupName)).toEqual(Array.from({ length: 10 }, (_, i) => `Group ${25 - i}`));
    // A notification arriving between pages does not shift the next page.
    await createNotifications(handle.db, [added(acmePerson, "Late arrival")]);
    const second = await listNotifications(handle.db, acmePerson, first.nextCursor, 10);
    const third = await listNotifications(handle.db, acmePerson, second.nextCursor, 10);
    expect(second.items.map((n) => n.payload.groupName)).toEqual(Array.from({ length: 10 }, (_, i) => `Group ${15 - i}`));
    expect(third.items).toHaveLength(5);
    expect(third.nextCursor).toBeNull();
    expect(await countUnreadNotifications(handle.db, acmePerson)).toBe(26);
  });

  it("marks one and then all read; marking again changes nothing", async () => {
    const [target] = (await listNotifications(handle.db, acmePerson, null, 1)).items;
    const { events } = await markNotificationRead(handle.db, acmePerson, { key: target!.key, operationId: opId() });
    expect(events).toHaveLength(1);
    expect((await markNotificationRead(handle.db, acmePerson, { key: target!.key, operationId: opId() })).events).toEqual([]);
    expect(await countUnreadNotifications(handle.db, acmePerson)).toBe(25);
    const all = await markAllNotificationsRead(handle.db, acmePerson, { operationId: opId() });
    // Counted, not listed: the answer is the same size for 25 as for 25,000.
    expect(all.result).toEqual({ notifications: 25, groups: 0 });
    expect(await countUnreadNotifications(handle.db, acmePerson)).toBe(0);
    const again = await markAllNotificationsRead(handle.db, acmePerson, { operationId: opId() });
    expect(again).toMatchObject({ result: { notifications: 0, groups: 0 }, events: [] });
  });

  it("does not let a person of another company read or mark someone's notification", async () => {
    await createNotifications(handle.db, [added(acmePerson, "Private to Acme")]);
    const [victim] = (await listNotifications(handle.db, acmePerson, null, 1)).items;
    const attempt = markNotificationRead(handle.db, globexPerson, { key: victim!.key, operationId: opId() });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: "not_found" });
    expect((await listNotifications(handle.db, globexPerson)).items).toEqual([]);
    expect(await countUnreadNotifications(handle.db, acmePerson)).toBe(1);
    // A colleague in the same company is refused just the same.
    const colleague = await createPerson(handle.db, acmePerson.companyId);
    await expect(markNotificationRead(handle.db, colleague, { key: victim!.key, operationId: opId() })).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("reaches the person's browser through soketi after commit", async () => {
    const { client, channel } = await subscribeAs(handle.db, acmePerson, userChannel(acmePerson.id));
    try {
      const received = new Promise<PersonalNews<{ payload: { groupName: string } }>>((resolve) => channel.bind("personal.news", resolve));
      const events = await handle.db.transaction((tx) => createNotifications(tx, [added(acmePerson, "Live")]));
      await publish(events, handle.db);
      expect((await received).notifications.map((n) => n.payload.groupName)).toEqual(["Live"]);
    } finally {
      client.disconnect();
    }
  });
});
