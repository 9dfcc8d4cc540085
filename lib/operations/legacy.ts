import type { DatabaseOrTransaction } from "@/db/client";
import type { Ctx } from "@/lib/auth/viewer";
import type { OutgoingMail } from "@/lib/mail/send";
import type { Delivery } from "@/lib/realtime/channels";
import { claim, keepResult, type OperationKey } from "./claim";

// TRANSITIONAL (issue 18): the hand-written recipe, kept only while services move onto
// `defineOperation`; deleted with the last of them.

export { storedResult } from "./claim";

export type Committed<T> = { result: T; mail?: readonly OutgoingMail[] } & Delivery;

export async function once<T>(
  tx: DatabaseOrTransaction,
  ctx: Ctx,
  operation: OperationKey,
  work: () => Promise<T>,
): Promise<{ result: T; replayed: boolean }> {
  const claimed = await claim<T>(tx, ctx, operation);
  if ("replayed" in claimed) return { result: claimed.replayed, replayed: true };
  const result = await work();
  await keepResult(tx, claimed.claimed, result);
  return { result, replayed: false };
}
