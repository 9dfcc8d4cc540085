import type { Pool, PoolClient, QueryConfig, QueryResult } from "pg";
import { type Database, openPostgres } from "@/db/client";
import { withCompany } from "@/db/company";

/** One statement as the data layer handed it to the driver. */
export type Statement = {
  text: string;
  values: unknown[];
  /** `pool` for a pool-level query, else the n-th client checked out (a transaction). */
  via: "pool" | number;
  /** Statements of one wave were in flight together (a `Promise.all` in the data layer). */
  wave: number;
  /** The single row it returned, by position; lets a replay follow ids the database generated. */
  row: unknown[] | null;
  /** How long the driver call took while recorded: where a call's time goes, without a replay. */
  ms?: number;
};

/** Several statements in one message (a company's `begin` and binding) answer one result each: the last is the message's. */
const lastResult = (result: QueryResult | QueryResult[]): QueryResult => (Array.isArray(result) ? result.at(-1)! : result);

type Query = (config: string | QueryConfig, values?: unknown[]) => Promise<QueryResult | QueryResult[]>;

/**
 * A database handle opened exactly as the app opens one (`openPostgres`) whose driver calls are
 * recorded while `record` runs: the SQL text and values the data layer emits, which connection
 * carried them and which ran concurrently. Recording at the driver boundary captures what the
 * drizzle logger shows plus begin/commit and the concurrency, so the floor cannot drift from the code.
 */
export function openRecorder(url: string, companyId: string) {
  const handle = openPostgres(url, { max: 10, connectAs: "app" });
  // Bound as the measured side is (bench/run.ts): reads outside the kernel see the company's rows.
  const db = withCompany(handle.db, companyId);
  if (handle.engine !== "postgres") throw new Error("The recorder needs PostgreSQL.");
  const pool = handle.client;
  let log: Statement[] | null = null;
  let inFlight = 0;
  let wave = -1;
  let clients = 0;

  const track = async (via: Statement["via"], run: Query, config: string | QueryConfig, values?: unknown[]) => {
    if (!log) return run(config, values);
    if (inFlight === 0) wave += 1;
    const entry: Statement = { text: typeof config === "string" ? config : config.text, values: [...(values ?? [])], via, wave, row: null };
    log.push(entry);
    inFlight += 1;
    const started = performance.now();
    try {
      const result = await run(config, values);
      const { rows } = lastResult(result);
      if (rows.length === 1) entry.row = Object.values(rows[0] as object);
      return result;
    } finally {
      entry.ms = performance.now() - started;
      inFlight -= 1;
    }
  };

  const poolQuery = pool.query.bind(pool) as unknown as Query;
  const poolConnect = pool.connect.bind(pool) as (...args: unknown[]) => Promise<PoolClient> | undefined;
  Object.assign(pool, {
    query: (config: string | QueryConfig, values?: unknown[]) => track("pool", poolQuery, config, values),
    // pg-pool's own query() connects with a callback: pass those through untouched.
    connect: (...args: unknown[]) => {
      if (args.length > 0) return poolConnect(...args);
      return poolConnect()!.then((client) => {
        const id = clients++;
        const clientQuery = client.query.bind(client) as unknown as Query;
        return new Proxy(client, {
          get(target, property) {
            if (property === "query") return (config: string | QueryConfig, values?: unknown[]) => track(id, clientQuery, config, values);
            const value = Reflect.get(target, property) as unknown;
            return typeof value === "function" ? value.bind(target) : value;
          },
        });
      });
    },
  });

  return {
    db,
    async record<T>(work: (db: Database) => Promise<T>): Promise<{ result: T; statements: Statement[] }> {
      log = [];
      wave = -1;
      const statements = log;
      try {
        return { result: await work(db), statements };
      } finally {
        log = null;
      }
    },
    close: () => handle.close(),
  };
}
export type Recorder = ReturnType<typeof openRecorder>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function replaceIn(value: unknown, substitutions: ReadonlyMap<string, string>): unknown {
  if (typeof value === "string") {
    let out = value;
    for (const [from, to] of substitutions) out = out.replaceAll(from, to);
    return out;
  }
  if (Array.isArray(value)) return value.map((item) => replaceIn(item, substitutions));
  return value;
}

/**
 * The recorded statements with values swapped (a fresh group id, a new operation key, …), done
 * before the clock starts: replacing inside a 10,000-id array parameter is not the database's work.
 */
export function retarget(statements: readonly Statement[], substitutions: ReadonlyMap<string, string>): Statement[] {
  if (substitutions.size === 0) return [...statements];
  return statements.map((statement) => ({ ...statement, values: statement.values.map((value) => replaceIn(value, substitutions)) }));
}

/**
 * Replays statements through raw `pg`: pool-level ones wave by wave (concurrent within a wave, as
 * recorded), a transaction's on one checked-out client. An id the database generated during the
 * recording (say, a claimed operation row) is followed to the id it generates now. `timings`, when
 * given, collects each statement's duration by its position.
 */
export async function replay(pool: Pool, statements: readonly Statement[], timings?: number[][]): Promise<void> {
  const generated = new Map<string, string>();
  // The promise of each connection, stored before it resolves: a wave may hold several statements of one connection.
  const clients = new Map<number, Promise<PoolClient>>();
  let failed = false;
  const follow = (value: unknown): unknown =>
    typeof value === "string" ? (generated.get(value) ?? value) : Array.isArray(value) ? value.map(follow) : value;
  // A connection goes back to the pool after its last statement: a call of many short transactions
  // (a company-bound read runs each statement in one) would otherwise hold more than the pool has.
  const last = new Map<number, Statement>();
  for (const statement of statements) if (statement.via !== "pool") last.set(statement.via, statement);
  try {
    let index = 0;
    while (index < statements.length) {
      const wave = statements[index]!.wave;
      const batch: Statement[] = [];
      while (index < statements.length && statements[index]!.wave === wave) batch.push(statements[index++]!);
      await Promise.all(
        batch.map(async (statement) => {
          let connection: Pool | PoolClient = pool;
          if (statement.via !== "pool") {
            if (!clients.has(statement.via)) clients.set(statement.via, pool.connect());
            connection = await clients.get(statement.via)!;
          }
          const values = generated.size > 0 ? statement.values.map(follow) : statement.values;
          const started = performance.now();
          const result = lastResult(await connection.query(statement.text, values));
          if (timings) (timings[statements.indexOf(statement)] ??= []).push(performance.now() - started);
          if (statement.via !== "pool" && last.get(statement.via) === statement) {
            clients.delete(statement.via);
            (connection as PoolClient).release();
          }
          if (statement.row && result.rows.length === 1) {
            const now = Object.values(result.rows[0] as object);
            statement.row.forEach((before, column) => {
              const after = now[column];
              if (typeof before === "string" && typeof after === "string" && before !== after && UUID.test(before)) {
                generated.set(before, after);
              }
            });
          }
        }),
      );
    }
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    for (const client of clients.values()) (await client).release(failed);
  }
}

/**
 * The database round trips a call waits for, in sequence: its statements' waves (those in flight
 * together count once), each a message to the server and its answer, begin, commit and the
 * company's binding included (they share a message with the statement beside them).
 */
export function roundTrips(statements: readonly Statement[]): number {
  return new Set(statements.map((statement) => statement.wave)).size;
}

/** A statement's first words, to name it in a breakdown. */
export function label(statement: Statement): string {
  return statement.text.replace(/\s+/g, " ").trim().slice(0, 60);
}
