import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notifications } from "@/db/schema";
import { withCronSecret } from "@/tests/cron";
import { systemCtx } from "@/lib/auth/viewer";
import { pruneNotifications } from "@/lib/cron/operations/prune-notifications";
import { handleRetentionCron } from "@/lib/cron/retention";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { pruneReadNotifications, RETENTION_DAYS } from "./retention";

let handle: TestDatabase;
const NOW = new Date("2026-12-06T03:00:00Z");
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

/** A notification of the person's, read that many days before NOW (or never). */
async function notification(person: TestPerson, readDaysAgo: number | null, label: string) {
  await handle.db.insert(notifications).values({
    companyId: person.companyId,
    userId: person.id,
    type: "group.added",
    payload: { groupName: label, actorName: "Ada" },
    createdAt: daysAgo(400),
    readAt: readDaysAgo === null ? null : daysAgo(readDaysAgo),
  });
}

const labelsOf = async (person: TestPerson) =>
  (await handle.db.select({ payload: notifications.payload }).from(notifications).where(eq(notifications.userId, person.id)))
    .map((row) => row.payload.groupName)
    .sort();

describe("retention of read notifications", () => {
  it("removes what was read more than 180 days ago, in batches, of the company alone; unread ones stay however old", async () => {
    const acme = await createPerson(handle.db, (await createCompany(handle.db, "Acme")).id);
    const globex = await createPerson(handle.db, (await createCompany(handle.db, "Globex")).id);
    for (let i = 0; i < 5; i++) await notification(acme, RETENTION_DAYS + 1 + i, `old ${i}`);
    await notification(acme, RETENTION_DAYS - 1, "recent");
    await notification(acme, null, "unread");
    await notification(globex, RETENTION_DAYS + 1, "globex old");
    const batches = [];
    for (let i = 0; i < 4; i++) batches.push(await pruneReadNotifications(handle.db, acme.companyId, NOW, 2));
    expect(batches).toEqual([2, 2, 1, 0]);
    expect(await labelsOf(acme)).toEqual(["recent", "unread"]);
    expect(await labelsOf(globex)).toEqual(["globex old"]);
  });

  it("the daily job runs each company's batch once per run id: a repeated call replays", async () => {
    const person = await createPerson(handle.db, (await createCompany(handle.db, "Initech")).id);
    await notification(person, RETENTION_DAYS + 10, "old");
    const ctx = systemCtx(person.companyId, "retention");
    const operationId = `retention:${opId().slice(0, 8)}:0`;
    expect((await pruneNotifications(handle.db, ctx, { operationId }, { now: NOW })).result).toEqual({ deleted: 1 });
    await notification(person, RETENTION_DAYS + 10, "made old meanwhile");
    expect((await pruneNotifications(handle.db, ctx, { operationId }, { now: NOW })).result).toEqual({ deleted: 1 });
    expect(await labelsOf(person)).toEqual(["made old meanwhile"]);
  });

  it("is a scheduler route: refused without the secret, every company pruned with it", async () => {
    const person = await createPerson(handle.db, (await createCompany(handle.db, "Umbrella")).id);
    await notification(person, RETENTION_DAYS + 3, "old");
    await withCronSecret(async (secret) => {
      const cron = (authorization: string) =>
        handleRetentionCron(new Request("http://localhost/api/cron/retention", { headers: { authorization } }), handle.db, NOW);
      expect((await cron("Bearer wrong")).status).toBe(401);
      expect(await labelsOf(person)).toEqual(["old"]);
      const response = await cron(`Bearer ${secret}`);
      expect(response.status).toBe(200);
      expect((await response.json()).deleted).toBeGreaterThanOrEqual(1);
      expect(await labelsOf(person)).toEqual([]);
    });
  });
});
