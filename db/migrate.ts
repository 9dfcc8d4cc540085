import "server-only";
import { fileURLToPath } from "node:url";
import { drizzle as drizzleNeon } from "drizzle-orm/neon-serverless";
import { migrate as migrateNeon } from "drizzle-orm/neon-serverless/migrator";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { migrate as migrateNodePg } from "drizzle-orm/node-postgres/migrator";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { runBackfills } from "./backfills";
import type { DatabaseHandle } from "./client";

export const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));

/**
 * Applies the committed migrations with Drizzle's migrator (drizzle-kit cannot load pg_trgm into
 * PGlite), then the backfills they left (db/backfills.ts), each batch a transaction of its own.
 */
export async function applyMigrations(handle: DatabaseHandle, log?: (line: string) => void): Promise<void> {
  switch (handle.engine) {
    case "pglite":
      await migratePglite(drizzlePglite({ client: handle.client }), { migrationsFolder });
      break;
    case "postgres":
      await migrateNodePg(drizzleNodePg({ client: handle.client }), { migrationsFolder });
      break;
    case "neon":
      await migrateNeon(drizzleNeon({ client: handle.client }), { migrationsFolder });
      break;
  }
  await runBackfills(handle.db, log);
}
