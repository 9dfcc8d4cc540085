import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { PgDatabase, PgPreparedQuery, PgSession, type PgTransactionConfig, type PreparedQueryConfig } from "drizzle-orm/pg-core";
import type { Database, Transaction } from "./client";

/**
 * The role the app's statements act as: it owns nothing and cannot bypass row-level security, so
 * every tenant row needs `app.company_id` to name its company (migration 0021).
 */
export const APP_ROLE = "cohort_app";

/**
 * A transaction's first statement: this company's rows, as the app role. Setting the role here too
 * (the app's pooled connections already are `cohort_app`) walls any login role in the same way, the
 * tests' and scripts' owners included. Both settings end with the transaction.
 */
export async function enterCompany(tx: Transaction, companyId: string): Promise<void> {
  await tx.execute(sql`select set_config('role', ${APP_ROLE}, true), set_config('app.company_id', ${companyId}, true)`);
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

/**
 * Drizzle's statements run through a session; this one runs each statement made outside a
 * transaction in a short transaction of its own, entered for the company, and every transaction
 * likewise. The rest of drizzle (builders, relational queries, result mapping) stays its own.
 */
class CompanySession extends PgSession<any, any, any> {
  constructor(
    private readonly base: Database,
    readonly companyId: string,
  ) {
    super((base as unknown as Internals).dialect);
  }

  prepareQuery(...args: PrepareArguments): any {
    return new CompanyQuery(this, args);
  }

  /** Each driver reads its own result shape for a count: its own session answers it. */
  override count(query: SQL): Promise<number> {
    return this.transaction((tx: Transaction) => (tx as unknown as Internals).session.count(query));
  }

  override transaction<T>(work: (tx: any) => Promise<T>, config?: PgTransactionConfig): Promise<T> {
    return this.base.transaction(async (tx) => {
      await enterCompany(tx, this.companyId);
      return work(tx);
    }, config);
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
    return this.session.transaction((tx: Transaction) => {
      const query = (tx as unknown as Internals).session.prepareQuery(...this.args) as Prepared;
      // Builders attach what maps a join's columns after preparing (select with joins).
      query.joinsNotNullableMap = this.joinsNotNullableMap;
      return run(query);
    });
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
  if (bound) throw new Error("a database bound to one company cannot be bound to another");
  const { dialect, _ } = db as unknown as Internals;
  return new PgDatabase(dialect, new CompanySession(db, companyId), _ as any) as unknown as Database;
}

/** The company a database is bound to, if any. */
export function companyOf(db: Database): string | null {
  const { session } = db as unknown as Internals;
  return session instanceof CompanySession ? session.companyId : null;
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
