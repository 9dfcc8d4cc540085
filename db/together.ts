import { isAfterFailure } from "./errors";

/**
 * Statements of one transaction sent at once: the connection pipelines them, so they cost one round
 * trip however many they are. They must not depend on each other: the driver gets each when its
 * promise reaches it, not necessarily in the order given (a statement that must see another's rows
 * belongs in the same SQL statement, or in a later `together`). Waits for every one (none is left
 * running unobserved when a refusal comes back), then throws the first refusal in the order given,
 * not in the order the answers arrived: an access check listed first refuses before what it guards.
 * A statement sent behind a failed one reports only that; the failure itself is thrown.
 */
export async function together<T extends readonly unknown[]>(statements: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const settled = await Promise.allSettled(statements);
  const refusals = settled.flatMap((result) => (result.status === "rejected" ? [result.reason as unknown] : []));
  if (refusals.length > 0) throw refusals.find((refusal) => !isAfterFailure(refusal)) ?? refusals[0];
  return settled.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
