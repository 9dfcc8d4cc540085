import "server-only";
import type { z } from "zod";
import type { Database, DatabaseOrTransaction, Transaction } from "@/db/client";
import { readTogether, withCompany } from "@/db/company";
import type { Ctx } from "@/lib/auth/viewer";
import { currentTime } from "@/base/clock";
import { AppError, InvalidInputError } from "@/lib/errors";
import type { OutgoingMail } from "@/lib/mail/send";
import { assertCan, type Permission } from "@/lib/permissions";
import type { Delivery } from "@/lib/realtime/channels";
import { type AuditEntry, recordAudit } from "./audit";
import { claim, keepResult, type OperationKey, storedResult } from "./claim";

export type { AuditEntry };

/**
 * What an operation's work hands back, and its caller gets: its result (kept for replays, so it must
 * be JSON), and what to deliver once the transaction has committed: live events, closed connections,
 * composed mail, a nudge to the outbox. A replay carries the result alone.
 */
export type Committed<T> = { result: T; mail?: readonly OutgoingMail[] } & Delivery;

/** What the work is given: its transaction, caller, parsed input, the operation's one `now`, the locks' result. */
export type Scope<I, L> = {
  tx: Transaction;
  ctx: Ctx;
  input: I;
  now: Date;
  locked: L;
  /** One audit row in the operation's transaction, by the caller. */
  audit: (entry: AuditEntry) => Promise<void>;
};

/** Every operation's input names its operation id: the form's, the API's Idempotency-Key's, the job's. */
type OperationInput = z.ZodType<{ operationId: string }>;

export type OperationSpec<S extends OperationInput, L, T> = {
  /** The operation's name: its `operations.kind`, the registry's key, the logs'. */
  kind: string;
  /** Checked against the caller's roles (and actor) before anything is read. */
  permission: Permission;
  input: S;
  /**
   * Who the caller acts as, when not in their own right: HR's forms act as the `hr` actor once
   * `hr.forms` allowed the person (lib/hr/actor.ts). Applied before the permission check; the
   * claim, the audit and the work all see the actor it returns.
   */
  actAs?: (ctx: Ctx) => Ctx;
  /**
   * The caller's rights on the resource (a private group is its owner's), read without a lock before
   * a replay is answered: someone who lost the right gets no stored result either. An operation that
   * has this step also has its replays answered before the transaction.
   */
  authorize?: (db: DatabaseOrTransaction, ctx: Ctx, input: z.output<S>) => Promise<unknown>;
  /**
   * Taken first in the transaction, before the claim, in one order for every operation (company-wide
   * locks before rows), so that two operations, or a duplicate and its original, never wait on each
   * other in a cycle. Usually the rights are read again here, with the lock.
   */
  locks?: (tx: Transaction, ctx: Ctx, input: z.output<S>) => Promise<L>;
  run: (scope: Scope<z.output<S>, L>) => Promise<Committed<T>>;
  /** Turns a database refusal the work cannot see coming (a unique index deciding a race) into an expected error. */
  mapError?: (error: unknown, input: z.output<S>) => unknown;
  /**
   * A refusal that is audited though nothing else happened (an address refused: what the
   * invitations' limit counts, lib/accounts/addresses.ts): the entry for the (mapped) error, if
   * any, written by the caller after the transaction rolled back, so that it stays.
   */
  auditRefusal?: (error: unknown, input: z.output<S>) => AuditEntry | null;
};

export type OperationOptions = {
  /** The operation's time; the clock's by default. */
  now?: Date;
};

/** An operation as its callers see it: a function of (database, caller, input), with its kind. */
export type OperationCall<I, T> = ((db: Database, ctx: Ctx, input: I, options?: OperationOptions) => Promise<Committed<T>>) & {
  readonly spec: { readonly kind: string; readonly permission: Permission };
};

/** An operation with its whole spec, for the registry. */
export type Operation<S extends OperationInput = OperationInput, T = unknown> = OperationCall<z.input<S>, T> & {
  readonly spec: OperationSpec<S, unknown, T>;
};

const registry = new Map<string, Operation>();

/** Every operation whose module has been loaded, by kind. */
export const registeredOperations = (): ReadonlyMap<string, Operation> => registry;

/** Whether `fn` was built by `defineOperation`: the inventory test's question. */
export const isOperation = (fn: unknown): fn is Operation =>
  typeof fn === "function" && "spec" in fn && registry.get((fn as Operation).spec.kind) === fn;

const isNotFound = (error: unknown) => error instanceof AppError && error.code === "not_found";

/**
 * The one way to write a mutation (docs/architecture.md, "The operation kernel"), in this order:
 * validate the input; check the permission (role, then the resource's `authorize`); answer a replay
 * from the stored result; open the transaction; take the locks; claim the operation id; run the work
 * with one `now`; keep the result. Deliveries come back to the caller, who hands them over after the
 * commit (`afterCommit`); a replay delivers nothing.
 */
export function defineOperation<S extends OperationInput, L = undefined, T = null>(spec: OperationSpec<S, L, T>): Operation<S, T> {
  if (registry.has(spec.kind)) throw new Error(`operation ${spec.kind} is defined twice`);
  const execute = async (database: Database, caller: Ctx, raw: z.input<S>, options: OperationOptions = {}): Promise<Committed<T>> => {
    const parsed = spec.input.safeParse(raw);
    if (!parsed.success) throw new InvalidInputError(parsed.error);
    const input = parsed.data;
    const ctx = spec.actAs ? spec.actAs(caller) : caller;
    assertCan(ctx, spec.permission);
    // Everything the operation reads and writes is its caller's company's, behind row-level security too.
    const db = withCompany(database, ctx.companyId);
    const operation: OperationKey = { key: input.operationId, kind: spec.kind };
    const replay = async (): Promise<Committed<T> | null> => {
      const stored = await storedResult<T>(db, ctx, operation);
      return stored && { result: stored.result };
    };
    try {
      if (spec.authorize) {
        const authorize = spec.authorize;
        // The rights and the stored result read together, in one read-only transaction whose
        // statements leave at once (the connection pipelines): one round trip. The stored result
        // answers only a caller who may act, or one whose resource is gone because this very
        // operation removed it (a delete, replayed); anyone else still reads "not found".
        const checked = await readTogether(db, async (tx) => {
          const [rights, stored] = await Promise.allSettled([authorize(tx, ctx, input), storedResult<T>(tx, ctx, operation)]);
          const refused: unknown = rights.status === "rejected" ? rights.reason : null;
          if (refused && !isNotFound(refused)) return { refused, stored: null };
          if (stored.status === "rejected") throw stored.reason;
          return { refused, stored: stored.value };
        });
        if (checked.stored) return { result: checked.stored.result };
        if (checked.refused) throw checked.refused;
      }
      const now = options.now ?? currentTime();
      return await db
        .transaction(async (tx): Promise<Committed<T>> => {
          const locked = (await spec.locks?.(tx, ctx, input)) as L;
          const claimed = await claim<T>(tx, ctx, operation);
          if ("replayed" in claimed) return { result: claimed.replayed };
          const work = await spec.run({ tx, ctx, input, now, locked, audit: (entry) => recordAudit(tx, ctx, entry) });
          await keepResult(tx, claimed.claimed, work.result);
          return work;
        })
        .catch(async (error: unknown) => {
          // A duplicate that waited for its original's locks finds the resource gone by it.
          const replayed = isNotFound(error) ? await replay() : null;
          if (replayed) return replayed;
          throw error;
        });
    } catch (error) {
      const mapped = spec.mapError?.(error, input) ?? error;
      const refusal = spec.auditRefusal?.(mapped, input);
      if (refusal) await recordAudit(db, ctx, refusal);
      throw mapped;
    }
  };
  const defined = Object.assign(execute, { spec }) as unknown as Operation<S, T>;
  registry.set(spec.kind, defined as unknown as Operation);
  return defined;
}
