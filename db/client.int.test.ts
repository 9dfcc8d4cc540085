import { sql } from "drizzle-orm";
import pg from "pg";
import { afterEach, describe, expect, it, vi } from "vitest";
import { env } from "@/base/env";
import { log } from "@/base/log";
import { openPostgres, queryRows } from "./client";

/** Ends a backend from another connection, as a restart, a failover or an administrator would. */
async function terminate(pid: number): Promise<void> {
  const admin = new pg.Client({ connectionString: env().testDatabaseUrl });
  await admin.connect();
  try {
    await admin.query("select pg_terminate_backend($1)", [pid]);
  } finally {
    await admin.end();
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.runIf(env().testDatabaseUrl)("a database connection the server ends", () => {
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => uncaught.push(error);
  const warned = vi.spyOn(log, "warn").mockImplementation(() => undefined);
  afterEach(() => {
    process.off("uncaughtException", onUncaught);
    uncaught.length = 0;
    warned.mockClear();
  });

  it.each([
    ["checked out, inside a transaction", true],
    ["idle in the pool", false],
  ])("%s: its error is handled (no uncaughtException), and the pool goes on with a new one", async (_label, inTransaction) => {
    process.on("uncaughtException", onUncaught);
    const handle = openPostgres(env().testDatabaseUrl!, { max: 1, connectAs: "owner" });
    try {
      const pid = async (db: Parameters<typeof queryRows>[0]) =>
        (await queryRows<{ pid: number }>(db, sql`select pg_backend_pid() as pid`))[0]!.pid;
      if (inTransaction) {
        const transaction = handle.db.transaction(async (tx) => {
          await terminate(await pid(tx));
          // The server's goodbye arrives while no query runs: the client emits "error" by itself.
          await pause(300);
          await tx.execute(sql`select 1`);
        });
        await expect(transaction).rejects.toThrow();
      } else {
        await terminate(await pid(handle.db));
        await pause(300);
      }
      expect(uncaught).toEqual([]);
      // Positive control: the connection really was lost, and the loss was seen.
      expect(warned).toHaveBeenCalledWith(expect.stringMatching(/database connection lost/), expect.anything());
      expect(await queryRows(handle.db, sql`select 1 as one`)).toEqual([{ one: 1 }]);
    } finally {
      await handle.close();
    }
  });
});
