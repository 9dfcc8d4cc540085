import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { ExtractTablesWithRelations, SQL } from "drizzle-orm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { Pool } from "pg";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import * as schema from "./schema";

/** The one database type every data function accepts, whichever engine runs. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, typeof schema, ExtractTablesWithRelations<typeof schema>>;
export type DatabaseOrTransaction = Database | Transaction;

export type DatabaseHandle = { db: Database; close: () => Promise<void> } & (
  | { engine: "pglite"; client: PGlite }
  | { engine: "postgres"; client: Pool }
);

const drizzleConfig = { schema, casing: "snake_case" } as const;

/** Opens an embedded PGlite; `dataDir` undefined means in memory. */
export type PgliteHandle = Extract<DatabaseHandle, { engine: "pglite" }>;

export function openPglite(options: { dataDir?: string; loadDataDir?: Blob | File } = {}): PgliteHandle {
  if (options.dataDir) mkdirSync(dirname(resolve(/* turbopackIgnore: true */ options.dataDir)), { recursive: true });
  const client = new PGlite({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
    extensions: { pg_trgm },
  });
  const db = drizzlePglite({ client, ...drizzleConfig }) as unknown as Database;
  return { db, engine: "pglite", client, close: () => client.close() };
}

export function openPostgres(connectionString: string, options: { max?: number } = {}): DatabaseHandle {
  const pool = new Pool({ connectionString, max: options.max ?? 10 });
  // An idle connection the server ends (restart, failover) must not crash the process; the pool replaces it.
  pool.on("error", (error) => log.warn("idle database connection lost", { error: error.message }));
  const db = drizzleNodePg({ client: pool, ...drizzleConfig }) as unknown as Database;
  return { db, engine: "postgres", client: pool, close: () => pool.end() };
}

/** Chooses the engine from the environment: PostgreSQL for a `DATABASE_URL`, embedded PGlite otherwise. */
export function openFromEnv(): DatabaseHandle {
  const { databaseUrl, pgliteDataDir } = env();
  return databaseUrl ? openPostgres(databaseUrl) : openPglite({ dataDir: pgliteDataDir });
}

// Kept on globalThis so that dev-mode module reloading never opens PGlite twice in one process.
const holder = globalThis as typeof globalThis & { __cohortDb?: DatabaseHandle };

/** The application's database, opened lazily on first use by the one process that serves requests. */
export function getDb(): Database {
  holder.__cohortDb ??= openFromEnv();
  return holder.__cohortDb.db;
}

/** Runs raw SQL and returns its rows; both drivers answer `{ rows }`, which the shared type cannot express. */
export async function queryRows<T>(db: DatabaseOrTransaction, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
