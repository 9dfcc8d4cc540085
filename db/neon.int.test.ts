import { randomUUID } from "node:crypto";
import { count, eq, sql, TransactionRollbackError } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseOrTransaction, openNeon, queryRows } from "@/db/client";
import { APP_ROLE, withCompany } from "@/db/company";
import { applyMigrations } from "@/db/migrate";
import { companies } from "@/db/schema";
import { env } from "@/base/env";
import { countUnreadNotifications, listNotifications } from "@/lib/notifications/queries";
import { createNotifications } from "@/lib/notifications/sql";
import { markAllNotificationsRead } from "@/lib/notifications/operations/mark-all-notifications-read";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createPerson } from "@/tests/fixtures";
import { startWsTcpProxy, type WsTcpProxy } from "@/tests/ws-tcp-proxy";

async function companiesNamed(db: DatabaseOrTransaction, name: string): Promise<number> {
  const [row] = await db.select({ value: count() }).from(companies).where(eq(companies.name, name));
  return row?.value ?? 0;
}

// Neon's driver speaks the PostgreSQL protocol over a WebSocket; here a small proxy stands in
// for Neon's, in front of the test server.
describe.runIf(env().testDatabaseUrl)("the Neon driver, through a WebSocket proxy to PostgreSQL", () => {
  let proxy: WsTcpProxy;
  let handle: TestDatabase;

  beforeAll(async () => {
    const server = new URL(env().testDatabaseUrl!);
    proxy = await startWsTcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
    handle = await createTestDatabase({ neonWsProxy: proxy.address });
  });
  afterAll(async () => {
    await handle?.close();
    await proxy?.close();
  });

  it("commits a transaction that other connections see only once it has committed", async () => {
    expect(handle.engine).toBe("neon");
    await handle.db.transaction(async (tx) => {
      await createCompany(tx, "Committed Co");
      expect(await companiesNamed(tx, "Committed Co")).toBe(1);
      // Another connection of the pool: one interactive transaction, not statements sent one by one.
      expect(await companiesNamed(handle.db, "Committed Co")).toBe(0);
    });
    expect(await companiesNamed(handle.db, "Committed Co")).toBe(1);
    expect(proxy.connections()).toBeGreaterThanOrEqual(2);
  });

  it("rolls back when the transaction throws", async () => {
    const attempt = handle.db.transaction(async (tx) => {
      await createCompany(tx, "Thrown Co");
      throw new Error("changed my mind");
    });
    await expect(attempt).rejects.toThrow("changed my mind");
    expect(await companiesNamed(handle.db, "Thrown Co")).toBe(0);
  });

  it("rolls back on an explicit tx.rollback()", async () => {
    const attempt = handle.db.transaction(async (tx) => {
      await createCompany(tx, "Rolled Back Co");
      tx.rollback();
    });
    await expect(attempt).rejects.toBeInstanceOf(TransactionRollbackError);
    expect(await companiesNamed(handle.db, "Rolled Back Co")).toBe(0);
  });

  it("runs the notification service and queries unchanged", async () => {
    const person = await createPerson(handle.db, (await createCompany(handle.db, "Notified Co")).id);
    const groupNames = ["Neon Wave One", "Neon Wave Two"];
    const events = await handle.db.transaction((tx) =>
      createNotifications(
        tx,
        groupNames.map((groupName) => ({
          companyId: person.companyId,
          userId: person.id,
          type: "group.added" as const,
          payload: { groupName, actorName: "Dana Admin" },
        })),
      ),
    );
    expect(events).toHaveLength(2);
    const listed = await listNotifications(handle.db, person);
    expect(listed.items.map((n) => [n.payload.groupName, n.readAt]).sort()).toEqual(groupNames.map((name) => [name, null]));
    expect(await countUnreadNotifications(handle.db, person)).toBe(2);

    expect((await markAllNotificationsRead(handle.db, person, { operationId: randomUUID() })).events).toHaveLength(1);
    const read = await listNotifications(handle.db, person);
    expect(read.items).toHaveLength(2);
    expect(read.items.every((n) => n.readAt !== null)).toBe(true);
    expect(await countUnreadNotifications(handle.db, person)).toBe(0);
  });

  it("acts as the app role, walled by the company each transaction sets", async () => {
    const [acme, globex] = [await createCompany(handle.db, "Walled Acme"), await createCompany(handle.db, "Walled Globex")];
    for (const company of [acme, globex]) await createPerson(handle.db, company.id);
    const app = openNeon(handle.url!, { wsProxy: proxy.address, connectAs: "app" });
    try {
      const people = async (db: DatabaseOrTransaction) =>
        (await queryRows<{ company: string }>(db, sql`select company_id as company from users`)).map((row) => row.company);
      const [me] = await queryRows<{ role: string }>(app.db, sql`select current_user as role`);
      expect(me!.role).toBe(APP_ROLE);
      expect(await people(app.db)).toEqual([]);
      expect(await people(withCompany(app.db, acme.id))).toEqual([acme.id]);
      expect(await withCompany(app.db, globex.id).transaction((tx) => people(tx))).toEqual([globex.id]);
    } finally {
      await app.close();
    }
  });

  it("applies the migrations to an empty database", async () => {
    const empty = await createTestDatabase({ neonWsProxy: proxy.address });
    try {
      await empty.db.execute(sql`drop schema drizzle cascade`);
      await empty.db.execute(sql`drop schema public cascade`);
      await empty.db.execute(sql`create schema public`);
      await applyMigrations(empty);
      const tables = await queryRows<{ name: string }>(
        empty.db,
        sql`select table_name as name from information_schema.tables where table_schema = 'public'`,
      );
      expect(tables.map((t) => t.name)).toContain("notifications");
      const [trigram] = await queryRows<{ score: number }>(empty.db, sql`select similarity('Dana Admin', 'Dana') as score`);
      expect(Number(trigram?.score)).toBeGreaterThan(0.3);
    } finally {
      await empty.close();
    }
  });
});
