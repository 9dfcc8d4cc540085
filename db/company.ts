import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { PgDatabase, PgPreparedQuery, PgSession, type PgTransactionConfig, type PreparedQueryConfig } from "drizzle-orm/pg-core";
import { NeonSession, NeonTransaction } from "drizzle-orm/neon-serverless";
import { NodePgSession, NodePgTransaction } from "drizzle-orm/node-postgres";
import { log } from "@/base/log";
import type { Database, Transaction } from "./client";

/**
 * The role the app's statements act as: it owns nothing and cannot bypass row-level security, so
 * every tenant row needs `app.company_id` to name its company (migration 0021).
 */
export const APP_ROLE = "cohort_app";

/** A company id is a uuid; checked once, it can be written into the binding as a literal. */
const COMPANY_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A transaction's first statement: this company's rows, as the app role. Setting the role here too
 * (the app's pooled connections already are `cohort_app`) walls any login role in the same way, the
 * tests' and scripts' owners included. Both settings end with the transaction.
 */
function binding(companyId: string): string {
  return `select set_config('role', '${APP_ROLE}', true), set_config('app.company_id', '${companyId}', true)`;
}

/** `begin` with drizzle's transaction options, which are enumerations, never free text. */
function begin(config: PgTransactionConfig | undefined): string {
  const options = [
    config?.isolationLevel && `isolation level ${config.isolationLevel}`,
    config?.accessMode,
    config?.deferrable === undefined ? undefined : config.deferrable ? "deferrable" : "not deferrable",
  ].filter(Boolean);
  return ["begin", ...options].join(" ");
}

/* eslint-disable @typescript-eslint/no-explicit-any -- drizzle's session generics describe a schema this class only passes through. */
type AnySession = PgSession<any, any, any>;
type Prepared = PgPreparedQuery<PreparedQueryConfig> & {
  joinsNotNullableMap?: Record<string, boolean>;
  all(placeholders?: Record<string, unknown>): Promise<unknown>;
};
type PrepareArguments = Parameters<AnySession["prepareQuery"]>;
/** What drizzle keeps on a database and does not type: its dialect, session and schema config. */
type Internals = { dialect: any; session: AnySession; _: { schema: unknown; fullSchema: unknown; tableNamesMap: unknown } };

/** A pooled driver's session as drizzle builds it: its pool, and what it passes to each connection's session. */
type Pooled = { driver: "pg" | "neon"; pool: { connect(): Promise<PooledClient> }; dialect: any; schema: any; options: any };
type PooledClient = { query(text: string): Promise<unknown>; release(error?: Error): void };

/*
 * Marks that hold across copies of a module. Next bundles drizzle (and this file) into several
 * chunks of one server, while the database handle is one per process (`db/client.ts` keeps it on
 * `globalThis`): a class of one copy is not the class of another, so `instanceof` would miss a
 * handle made by another chunk. `Symbol.for` is the same symbol in every copy.
 */
const POOLED_DRIVER = Symbol.for("cohort.pooledDriver");
const COMPANY_SESSION = Symbol.for("cohort.companySession");

/** Marks a pool as the given driver's (`openPostgres`, `openNeon`): bound transactions open on its connections in one message. */
export function markPooled(pool: object, driver: Pooled["driver"]): void {
  Object.defineProperty(pool, POOLED_DRIVER, { value: driver });
}

function pooledOf(session: AnySession): Pooled | null {
  const { client, dialect, schema, options } = session as unknown as {
    client: object | undefined;
    dialect: any;
    schema: any;
    options: any;
  };
  const driver = (client as { [POOLED_DRIVER]?: Pooled["driver"] } | undefined)?.[POOLED_DRIVER];
  if (!driver) return null;
  return { driver, pool: client as Pooled["pool"], dialect, schema, options };
}

function isCompanySession(session: unknown): session is CompanySession {
  return typeof session === "object" && session !== null && COMPANY_SESSION in session;
}

/**
 * A transaction on one of the pool's connections whose opening is one message: `begin` and the
 * binding travel together (the simple protocol runs them in order). Drizzle's own transaction sends
 * them one after the other. On a pipelining connection (`openPostgres`) the opening is not waited
 * for: it leaves in the same write as the first statement, so entering a company costs no round trip
 * of its own. A failed opening fails that statement (the transaction is aborted), and is thrown here
 * besides; a driver that does not pipeline (Neon's) sends the statement once the opening is answered.
 */
async function pooledTransaction<T>(pooled: Pooled, opening: string, work: (tx: any) => Promise<T>): Promise<T> {
  const client = await pooled.pool.connect();
  const { dialect, schema, options } = pooled;
  const tx =
    pooled.driver === "pg"
      ? new NodePgTransaction(dialect, new NodePgSession(client as any, dialect, schema, options), schema)
      : new NeonTransaction(dialect, new NeonSession(client as any, dialect, schema, options), schema);
  let broken: Error | undefined;
  try {
    const opened = client.query(opening);
    // Awaited below; until then its failure must not count as unhandled.
    opened.catch(() => {});
    const result = await work(tx);
    await opened;
    await client.query("commit");
    return result;
  } catch (error) {
    // A connection that cannot even roll back is given up rather than handed to the next caller.
    await client.query("rollback").catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    client.release(broken);
  }
}

/** Statements that only read: their answer is complete before their transaction ends. */
const READS = /^\s*select\s/i;

/**
 * Drizzle's statements run through a session; this one runs each statement made outside a
 * transaction in a short transaction of its own, entered for the company, and every transaction
 * likewise. The rest of drizzle (builders, relational queries, result mapping) stays its own.
 */
class CompanySession extends PgSession<any, any, any> {
  readonly [COMPANY_SESSION] = true;
  private readonly pooled: Pooled | null;

  constructor(
    private readonly base: Database,
    readonly companyId: string,
  ) {
    super((base as unknown as Internals).dialect);
    this.pooled = pooledOf((base as unknown as Internals).session);
  }

  prepareQuery(...args: PrepareArguments): any {
    return new CompanyQuery(this, args);
  }

  /** Each driver reads its own result shape for a count: its own session answers it. */
  override count(query: SQL): Promise<number> {
    return this.transaction((tx: Transaction) => (tx as unknown as Internals).session.count(query));
  }

  override transaction<T>(work: (tx: any) => Promise<T>, config?: PgTransactionConfig): Promise<T> {
    if (this.pooled) return pooledTransaction(this.pooled, `${begin(config)}; ${binding(this.companyId)}`, work);
    // PGlite is in the process: a second message costs no network.
    return this.base.transaction(async (tx) => {
      await tx.execute(sql.raw(binding(this.companyId)));
      return work(tx);
    }, config);
  }

  /**
   * A read in a read-only transaction of its own, answered as soon as its rows arrive: the COMMIT,
   * which has nothing to keep, goes out after the caller has them (its connection returns to the
   * pool once it has ended). A statement taken for a read that writes fails loudly, never silently.
   */
  read<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return new Promise((resolve, reject) => {
      let answered = false;
      this.transaction(
        async (tx: Transaction) => {
          resolve(await work(tx));
          answered = true;
        },
        { accessMode: "read only" },
      ).catch((error: Error) => {
        if (answered) log.warn("a read's transaction did not end cleanly", { error: error.message });
        else reject(error);
      });
    });
  }
}

/** A statement prepared in the company session: prepared again, and run, inside its own transaction. */
class CompanyQuery extends PgPreparedQuery<PreparedQueryConfig> {
  joinsNotNullableMap?: Record<string, boolean>;

  constructor(
    private readonly session: CompanySession,
    private readonly args: PrepareArguments,
  ) {
    super(args[0], undefined, undefined, undefined);
  }

  private inTransaction<T>(run: (query: Prepared) => Promise<T>): Promise<T> {
    const inside = (tx: Transaction) => {
      const query = (tx as unknown as Internals).session.prepareQuery(...this.args) as Prepared;
      // Builders attach what maps a join's columns after preparing (select with joins).
      query.joinsNotNullableMap = this.joinsNotNullableMap;
      return run(query);
    };
    return READS.test(this.args[0].sql) ? this.session.read(inside) : this.session.transaction(inside);
  }

  execute(placeholders?: Record<string, unknown>): Promise<unknown> {
    return this.inTransaction((query) => query.execute(placeholders));
  }

  all(placeholders?: Record<string, unknown>): Promise<unknown> {
    return this.inTransaction((query) => query.all(placeholders));
  }

  isResponseInArrayMode(): boolean {
    return this.args[3];
  }
}

/**
 * The database as one company sees it: every statement and transaction starts with `enterCompany`,
 * so row-level security shows and accepts only that company's rows. The same type as the database,
 * so every data function takes it unchanged; binding it again to the same company is free.
 */
export function withCompany(db: Database, companyId: string): Database {
  const bound = companyOf(db);
  if (bound === companyId) return db;
  if (!COMPANY_ID.test(companyId)) throw new Error("a company id is a uuid");
  if (bound) throw new Error("a database bound to one company cannot be bound to another");
  const { dialect, _ } = db as unknown as Internals;
  return new PgDatabase(dialect, new CompanySession(db, companyId), _ as any) as unknown as Database;
}

/**
 * Reads that belong together (an access check and what it guards) in one read-only transaction: one
 * opening for all of them instead of one each, and the answer as soon as the last has its rows, the
 * COMMIT after. Outside a company binding (PGlite, an unbound database), a plain read-only transaction.
 */
export function readTogether<T>(db: Database, work: (tx: Transaction) => Promise<T>): Promise<T> {
  const { session } = db as unknown as Internals;
  return isCompanySession(session) ? session.read(work) : db.transaction(work, { accessMode: "read only" });
}

/** The company a database is bound to, if any. */
export function companyOf(db: Database): string | null {
  const { session } = db as unknown as Internals;
  return isCompanySession(session) ? session.companyId : null;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/**
 * Why a database's connections would not be walled, or null when they are: what the app's effective
 * role may not be (a superuser, or a role that bypasses row-level security).
 */
export async function appRoleRefusal(db: Database): Promise<string | null> {
  const result = (await db.execute(
    sql`select current_user as role, rolsuper as superuser, rolbypassrls as bypasses from pg_roles where rolname = current_user`,
  )) as unknown as { rows: { role: string; superuser: boolean; bypasses: boolean }[] };
  const [me] = result.rows;
  if (!me) return "the database role could not be read";
  if (me.superuser) return `the database role ${me.role} is a superuser, which row-level security does not wall`;
  if (me.bypasses) return `the database role ${me.role} bypasses row-level security`;
  return null;
}
