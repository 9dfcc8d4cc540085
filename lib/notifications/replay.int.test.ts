import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, it } from "vitest";
import { groupNotificationSettings, notifications, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createGroup, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { expectOneEffect, type ReplayCase } from "@/tests/replay";
import { setDefaultLevel } from "./settings/operations/set-default-level";
import { setGroupLevel } from "./settings/operations/set-group-level";
import { createNotifications } from "./sql";
import { markAllNotificationsRead } from "./operations/mark-all-notifications-read";
import { markNotificationRead } from "./operations/mark-notification-read";

let handle: TestDatabase;
let companyId: string;
let owner: TestPerson;

beforeAll(async () => {
  handle = await createTestDatabase();
  companyId = (await createCompany(handle.db, "Acme")).id;
  owner = await createPerson(handle.db, companyId, { roles: ["admin"] });
});
afterAll(() => handle.close());

/** A person with one unread notification; its key. */
async function notified() {
  const person = await createPerson(handle.db, companyId);
  const key = opId();
  await createNotifications(handle.db, [
    { companyId, userId: person.id, key, type: "group.added", payload: { groupName: "Onboarding", actorName: "Ada" } },
  ]);
  const unread = () =>
    handle.db
      .select({ key: notifications.key })
      .from(notifications)
      .where(and(eq(notifications.userId, person.id), sql`read_at is null`));
  // Between the calls it is unread again: a second run would mark it read.
  const markUnread = async () => {
    await handle.db.update(notifications).set({ readAt: null }).where(eq(notifications.userId, person.id));
  };
  return { person, key, unread, markUnread };
}

const cases: ReplayCase[] = [
  {
    name: "notifications.markRead",
    prepare: async () => {
      const { person, key, unread, markUnread } = await notified();
      const input = { key, operationId: opId() };
      return { call: () => markNotificationRead(handle.db, person, input), disturb: markUnread, observe: unread };
    },
  },
  {
    name: "notifications.markAllRead",
    prepare: async () => {
      const { person, unread, markUnread } = await notified();
      const input = { operationId: opId() };
      return { call: () => markAllNotificationsRead(handle.db, person, input), disturb: markUnread, observe: unread };
    },
  },
  {
    name: "notifications.groupLevel",
    prepare: async () => {
      const person = await createPerson(handle.db, companyId);
      const group = await createGroup(handle.db, owner, { members: [person] });
      const input = { groupId: group.id, level: "none" as const, operationId: opId() };
      const mine = eq(groupNotificationSettings.userId, person.id);
      return {
        call: () => setGroupLevel(handle.db, person, input),
        disturb: async () => {
          await handle.db.update(groupNotificationSettings).set({ level: "all" }).where(mine);
        },
        observe: () => handle.db.select({ level: groupNotificationSettings.level }).from(groupNotificationSettings).where(mine),
      };
    },
  },
  {
    name: "notifications.defaultLevel",
    prepare: async () => {
      const person = await createPerson(handle.db, companyId);
      const input = { level: "none" as const, operationId: opId() };
      const me = eq(users.id, person.id);
      return {
        call: () => setDefaultLevel(handle.db, person, input),
        disturb: async () => {
          await handle.db.update(users).set({ groupNotificationDefault: "all" }).where(me);
        },
        observe: () => handle.db.select({ level: users.groupNotificationDefault }).from(users).where(me),
      };
    },
  },
];

describe("the same operation id twice does the work once", () => {
  it.each(cases.map((replay) => [replay.name, replay] as const))("%s", (_name, replay) => expectOneEffect(replay));
});
