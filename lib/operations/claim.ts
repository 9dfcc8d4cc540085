import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { DatabaseOrTransaction } from "@/db/client";
import { operations } from "@/db/schema";
import { actorIdOf, type Ctx } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";

/** An operation as the `operations` table knows it: the caller's id for it, and what it is. */
export type OperationKey = { key: string; kind: string };

/**
 * Claims the operation id for this actor inside the operation's transaction: the claim and the work
 * commit together, and a concurrent duplicate waits on the unique index, then reads the first result.
 * Returns the claimed row's id, or the stored result when the id already ran.
 *
 * Operation ids are the caller's own: they are unique per (company, actor, id), so another person who
 * sends the same id neither gets this actor's stored result nor claims the id before them: their call
 * runs as a new operation of theirs, with every check.
 */
export async function claim<T>(
  tx: DatabaseOrTransaction,
  ctx: Ctx,
  operation: OperationKey,
): Promise<{ claimed: string } | { replayed: T }> {
  const [claimed] = await tx
    .insert(operations)
    .values({
      companyId: ctx.companyId,
      actorId: actorIdOf(ctx),
      operationKey: operation.key,
      kind: operation.kind,
      requestHash: requestHashOf(ctx),
    })
    .onConflictDoNothing({ target: [operations.companyId, operations.actorId, operations.operationKey] })
    .returning({ id: operations.id });
  if (claimed) return { claimed: claimed.id };
  const previous = await storedResult<T>(tx, ctx, operation);
  if (!previous) throw new AppError("conflict");
  return { replayed: previous.result };
}

/** Keeps the result with the claim, for replays. */
export async function keepResult(tx: DatabaseOrTransaction, claimedId: string, result: unknown): Promise<void> {
  await tx.update(operations).set({ result }).where(eq(operations.id, claimedId));
}

const actorMatches = (ctx: Ctx) => {
  const actorId = actorIdOf(ctx);
  return actorId === null ? isNull(operations.actorId) : eq(operations.actorId, actorId);
};

/** An API request's hash (`Idempotency-Key` derives the operation id; the body must match too). */
const requestHashOf = (ctx: Ctx) => (ctx.actor?.kind === "api_key" ? (ctx.actor.requestHash ?? null) : null);

/**
 * The result of an operation the caller (company and actor) already ran, read without a transaction:
 * a replay then costs one indexed read instead of a transaction around the claim. Null when it has not
 * run (or is still in flight, which the claim inside the transaction settles); an id used for another
 * kind is a conflict, and one an API request used with another body is refused (two such requests
 * racing meet here too).
 */
export async function storedResult<T>(db: DatabaseOrTransaction, ctx: Ctx, operation: OperationKey): Promise<{ result: T } | null> {
  const [previous] = await db
    .select({ kind: operations.kind, result: operations.result, requestHash: operations.requestHash })
    .from(operations)
    .where(and(eq(operations.companyId, ctx.companyId), actorMatches(ctx), eq(operations.operationKey, operation.key)));
  if (!previous) return null;
  if (previous.kind !== operation.kind) throw new AppError("conflict");
  if (previous.requestHash !== requestHashOf(ctx)) throw new AppError("idempotency_key_reused");
  return { result: previous.result as T };
}
