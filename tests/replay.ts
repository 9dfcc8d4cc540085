import { expect } from "vitest";
import type { DatabaseOrTransaction } from "@/db/client";
import type { Committed } from "@/lib/operations/kernel";
import { opId } from "./fixtures";
import { footprint } from "./footprint";

/**
 * "Same operation id twice, one effect", for one operation: `call` runs it with a fixed input (so a
 * fixed operation id); `disturb` changes, between the two calls, what a second run would change back
 * (or write again); `observe` reads that. The second call must be answered as a replay: the first
 * result, nothing to deliver, and nothing written.
 */
export type ReplayCase = {
  name: string;
  prepare: () => Promise<{
    call: () => Promise<Committed<unknown>>;
    disturb?: () => Promise<void>;
    observe: () => Promise<unknown>;
  }>;
};

export async function expectOneEffect(replay: ReplayCase): Promise<void> {
  const { call, disturb, observe } = await replay.prepare();
  const first = await call();
  await disturb?.();
  const before = await observe();
  const again = await call();
  expect(again.result).toEqual(JSON.parse(JSON.stringify(first.result)));
  expect(again).toEqual({ result: again.result });
  expect(await observe()).toEqual(before);
}

/**
 * The same for an operation whose first run visibly changes the company: observed through the
 * company's whole footprint, which the first call must change and the second must not.
 */
export async function expectOnce(db: DatabaseOrTransaction, companyId: string, call: (operationId: string) => Promise<Committed<unknown>>) {
  const operationId = opId();
  const before = await footprint(db, companyId);
  await expectOneEffect({
    name: "",
    prepare: async () => ({ call: () => call(operationId), observe: () => footprint(db, companyId) }),
  });
  expect(await footprint(db, companyId)).not.toEqual(before);
}
