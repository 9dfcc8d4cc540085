import { type DatabaseHandle, openFromEnv } from "@/db/client";
import { applyMigrations } from "@/db/migrate";
import { acquirePgliteLock } from "@/db/pglite-lock";
import { isSeeded, seed } from "@/scripts/seed";
import { env } from "@/base/env";

/** Opens the configured database for a one-off command, holding the PGlite lock while it runs. */
export async function withDatabase<T>(holder: string, work: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const release = env().databaseUrl ? () => {} : acquirePgliteLock(env().pgliteDataDir, holder);
  const handle = openFromEnv("owner");
  try {
    return await work(handle);
  } finally {
    await handle.close();
    release();
  }
}

/** Migrates, then seeds when the database is empty; what the dev command and e2e set-up do first. */
export async function prepareDatabase(handle: DatabaseHandle, log: (line: string) => void): Promise<void> {
  await applyMigrations(handle);
  if (await isSeeded(handle.db)) return;
  const started = Date.now();
  const summary = await seed(handle.db);
  log(`Seeded the demo data in ${Date.now() - started} ms: ${JSON.stringify(summary)}`);
}
