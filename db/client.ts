import "server-only";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { Pool as NeonPool, neonConfig } from "@neondatabase/serverless";
import type { ExtractTablesWithRelations, SQL } from "drizzle-orm";
import { drizzle as drizzleNeon } from "drizzle-orm/neon-serverless";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { Pool } from "pg";
import ws from "ws";
import { env } from "@/base/env";
import { log } from "@/base/log";
import { choosePostgresDriver } from "./driver";
import * as schema from "./schema";

/** The one database type every data function accepts, whichever engine runs. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, typeof schema, ExtractTablesWithRelations<typeof schema>>;
export type DatabaseOrTransaction = Database | Transaction;

export type DatabaseHandle = { db: Database; close: () => Promise<void> } & (
  { engine: "pglite"; client: PGlite } | { engine: "postgres"; client: Pool } | { engine: "neon"; client: NeonPool }
);

const drizzleConfig = { schema, casing: "snake_case" } as const;

/** Opens an embedded PGlite; `dataDir` undefined means in memory. */
export type PgliteHandle = Extract<DatabaseHandle, { engine: "pglite" }>;

export function openPglite(options: { dataDir?: string; loadDataDir?: Blob | File } = {}): PgliteHandle {
  if (options.dataDir) mkdirSync(dirname(resolve(/* turbopackIgnore: true */ options.dataDir)), { recursive: true });
  const client = new PGlite({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
    extensions: { pg_trgm, btree_gist },
  });
  const db = drizzlePglite({ client, ...drizzleConfig }) as unknown as Database;
  return { db, engine: "pglite", client, close: () => client.close() };
}

type ErrorSource = { on(event: "error", listener: (error: Error) => void): unknown };
type ConnectionPool = ErrorSource & { on(event: "connect", listener: (client: ErrorSource) => void): unknown };

/**
 * A connection the server ends (a restart, a failover, a killed backend) emits "error": through the
 * pool while idle, on the client itself while checked out (inside a transaction, say). Unhandled,
 * either event is an uncaughtException that ends the process; handled, the query in flight fails
 * with the error, as any failed query does, and the pool replaces the connection.
 */
function handleConnectionErrors(pool: ConnectionPool): void {
  pool.on("error", (error) => log.warn("idle database connection lost", { error: error.message }));
  pool.on("connect", (client) => {
    client.on("error", (error) => log.warn("database connection lost", { error: error.message }));
  });
}

export function openPostgres(connectionString: string, options: { max?: number } = {}): DatabaseHandle {
  const pool = new Pool({ connectionString, max: options.max ?? 10 });
  handleConnectionErrors(pool);
  const db = drizzleNodePg({ client: pool, ...drizzleConfig }) as unknown as Database;
  return { db, engine: "postgres", client: pool, close: () => pool.end() };
}

export type NeonOptions = {
  max?: number;
  /**
   * A WebSocket-to-TCP proxy in front of an ordinary PostgreSQL, as `host:port/path` without a
   * scheme (the driver appends `?address=host:port`). Neon's own hosts need none.
   */
  wsProxy?: string;
};

/** Neon through its WebSocket driver: a pool of real sessions, so interactive transactions work. */
export function openNeon(connectionString: string, options: NeonOptions = {}): DatabaseHandle {
  configureNeon(options.wsProxy);
  const pool = new NeonPool({ connectionString, max: options.max ?? 10 });
  handleConnectionErrors(pool);
  const db = drizzleNeon({ client: pool, ...drizzleConfig }) as unknown as Database;
  return { db, engine: "neon", client: pool, close: () => pool.end() };
}

/** The driver reads `neonConfig` as each connection opens, so this applies to the whole process. */
function configureNeon(wsProxy: string | undefined): void {
  const { defaults } = neonConfig;
  // Node 20 has no global WebSocket.
  neonConfig.webSocketConstructor = ws;
  neonConfig.wsProxy = wsProxy ?? defaults.wsProxy;
  // A plain proxy to a plain PostgreSQL: no TLS around the socket or inside it, and no pipelined
  // start-up, which assumes cleartext passwords and fails under SCRAM.
  neonConfig.useSecureWebSocket = wsProxy ? false : defaults.useSecureWebSocket;
  neonConfig.pipelineTLS = wsProxy ? false : defaults.pipelineTLS;
  neonConfig.pipelineConnect = wsProxy ? false : defaults.pipelineConnect;
}

/**
 * Chooses the engine from the environment: embedded PGlite without a `DATABASE_URL`; with one,
 * Neon's driver or node-postgres (see `choosePostgresDriver`).
 */
export function openFromEnv(): DatabaseHandle {
  const { databaseUrl, databaseDriver, pgliteDataDir } = env();
  if (!databaseUrl) return openPglite({ dataDir: pgliteDataDir });
  return choosePostgresDriver(databaseUrl, databaseDriver) === "neon" ? openNeon(databaseUrl) : openPostgres(databaseUrl);
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
