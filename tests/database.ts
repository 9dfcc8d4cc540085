import { readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { type DatabaseHandle, openNeon, openPglite, openPostgres } from "@/db/client";
import { env } from "@/base/env";
import { withDatabase } from "./global-setup";

export type TestDatabase = DatabaseHandle & {
  /** The PostgreSQL URL of this file's own database; null on PGlite. */
  url: string | null;
};

export type TestDatabaseOptions = {
  /**
   * Open the copy through the Neon driver, by way of this WebSocket-to-TCP proxy
   * (tests/ws-tcp-proxy.ts); only on PostgreSQL runs.
   */
  neonWsProxy?: string;
};

/**
 * A fresh, migrated database for one test file: a copy of the migrated template on PostgreSQL
 * (when TEST_DATABASE_URL is set), a loaded snapshot in PGlite otherwise.
 */
export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const template = inject("pgTemplate");
  const serverUrl = env().testDatabaseUrl;
  if (template && serverUrl) {
    const name = `${template}_${randomUUID().slice(0, 8)}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database "${name}" template "${template}"`);
    await admin.end();
    const url = withDatabase(serverUrl, name);
    const handle = options.neonWsProxy
      ? openNeon(url, { wsProxy: options.neonWsProxy, connectAs: "owner" })
      : openPostgres(url, { connectAs: "owner" });
    return {
      ...handle,
      url,
      close: async () => {
        await handle.close();
        const dropper = new pg.Client({ connectionString: serverUrl });
        await dropper.connect();
        await dropper.query(`drop database if exists "${name}" with (force)`);
        await dropper.end();
      },
    };
  }
  if (options.neonWsProxy) throw new Error("The Neon driver is tested against PostgreSQL: set TEST_DATABASE_URL.");
  const snapshot = inject("pgliteSnapshot");
  if (!snapshot) throw new Error("The integration global set-up did not run.");
  const handle = openPglite({ loadDataDir: new Blob([readFileSync(snapshot)]), connectAs: "owner" });
  return { ...handle, url: null };
}

/** A test file's database and two more single-connection handles to it, one per racer (PostgreSQL only). */
export type RaceDatabase = TestDatabase & { first: DatabaseHandle; second: DatabaseHandle };

/** The race tests' set-up: two transactions can only overlap on two real connections. */
export async function createRaceDatabase(): Promise<RaceDatabase> {
  const handle = await createTestDatabase();
  const first = openPostgres(handle.url!, { max: 1, connectAs: "owner" });
  const second = openPostgres(handle.url!, { max: 1, connectAs: "owner" });
  return {
    ...handle,
    first,
    second,
    close: async () => {
      await first.close();
      await second.close();
      await handle.close();
    },
  };
}
