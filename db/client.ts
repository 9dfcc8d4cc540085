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
import { APP_ROLE, markPooled, withCompany } from "./company";
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

/**
 * Whom a handle's connections act as: the app (`cohort_app`, walled by row-level security; what
 * serves requests) or the login role itself (migrations, the seed, the tests' own set-up).
 */
export type ConnectAs = "app" | "owner";

const setAppRole = `set role ${APP_ROLE}`;

/** Opens an embedded PGlite; `dataDir` undefined means in memory. */
export type PgliteHandle = Extract<DatabaseHandle, { engine: "pglite" }>;

export function openPglite(options: { dataDir?: string; loadDataDir?: Blob | File; connectAs: ConnectAs }): PgliteHandle {
  if (options.dataDir) mkdirSync(dirname(resolve(/* turbopackIgnore: true */ options.dataDir)), { recursive: true });
  const client = new PGlite({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
    extensions: { pg_trgm, btree_gist },
  });
  const db = drizzlePglite({ client: options.connectAs === "app" ? actingAsApp(client) : client, ...drizzleConfig }) as unknown as Database;
  return { db, engine: "pglite", client, close: () => client.close() };
}

/**
 * PGlite is one connection: it becomes the app role before it answers anything else, and if it
 * cannot (an unmigrated database has no such role), nothing is answered at all.
 */
function actingAsApp(client: PGlite): PGlite {
  const ready = client.exec(setAppRole);
  const gated = new Set<PropertyKey>(["query", "exec", "transaction", "sql"]);
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (!gated.has(property) || typeof value !== "function") return value;
      return async (...args: unknown[]) => {
        await ready;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
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

/** What a pool runs on each new connection before handing it out; a failure fails the checkout. */
const onConnectAs = (connectAs: ConnectAs) =>
  connectAs === "app"
    ? { onConnect: async (client: { query: (text: string) => Promise<unknown> }) => void (await client.query(setAppRole)) }
    : {};

export function openPostgres(connectionString: string, options: { max?: number; connectAs: ConnectAs }): DatabaseHandle {
  // Pipelining: a query issued while another is under way on the same connection is written at once
  // rather than after the answer, so a transaction's opening and first statement share a round trip
  // (db/company.ts) and a transaction's parallel reads go out together.
  const pool = new Pool({ connectionString, max: options.max ?? 10, pipeline: true, ...onConnectAs(options.connectAs) });
  markPooled(pool, "pg");
  handleConnectionErrors(pool);
  const db = drizzleNodePg({ client: pool, ...drizzleConfig }) as unknown as Database;
  return { db, engine: "postgres", client: pool, close: () => pool.end() };
}

export type NeonOptions = {
  max?: number;
  connectAs: ConnectAs;
  /**
   * A WebSocket-to-TCP proxy in front of an ordinary PostgreSQL, as `host:port/path` without a
   * scheme (the driver appends `?address=host:port`). Neon's own hosts need none.
   */
  wsProxy?: string;
};

/** Neon through its WebSocket driver: a pool of real sessions, so interactive transactions work. */
export function openNeon(connectionString: string, options: NeonOptions): DatabaseHandle {
  configureNeon(options.wsProxy);
  const pool = new NeonPool({ connectionString, max: options.max ?? 10, ...onConnectAs(options.connectAs) });
  markPooled(pool, "neon");
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
export function openFromEnv(connectAs: ConnectAs): DatabaseHandle {
  const { databaseUrl, databaseDriver, pgliteDataDir } = env();
  if (!databaseUrl) return openPglite({ dataDir: pgliteDataDir, connectAs });
  return choosePostgresDriver(databaseUrl, databaseDriver) === "neon"
    ? openNeon(databaseUrl, { connectAs })
    : openPostgres(databaseUrl, { connectAs });
}

// Kept on globalThis so that dev-mode module reloading never opens PGlite twice in one process.
const holder = globalThis as typeof globalThis & { __cohortDb?: DatabaseHandle };

/**
 * The application's database, opened lazily on first use by the one process that serves requests,
 * as the app role and bound to no company: tenant rows need `companyDb` (or an operation, which binds
 * its caller's company); unbound, it reaches only the tables without a company and the lookups of
 * migration 0021.
 */
export function getDb(): Database {
  holder.__cohortDb ??= openFromEnv("app");
  return holder.__cohortDb.db;
}

const companyDbs = new Map<string, Database>();
/** Companies kept bound at once; past it the map starts again (a bound database is cheap to make). */
const COMPANY_DBS_KEPT = 1000;

/**
 * The application's database as one company sees it (db/company.ts): what a request's reads use.
 * The same object for the same company, so per-request caches keyed by it (React `cache`) hit.
 */
export function companyDb(scope: { companyId: string }): Database {
  let bound = companyDbs.get(scope.companyId);
  if (!bound) {
    if (companyDbs.size >= COMPANY_DBS_KEPT) companyDbs.clear();
    bound = withCompany(getDb(), scope.companyId);
    companyDbs.set(scope.companyId, bound);
  }
  return bound;
}

/** Runs raw SQL and returns its rows; both drivers answer `{ rows }`, which the shared type cannot express. */
export async function queryRows<T>(db: DatabaseOrTransaction, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
