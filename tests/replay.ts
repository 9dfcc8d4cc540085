import { expect } from "vitest";
import type { DatabaseOrTransaction } from "@/db/client";
import type { Committed } from "@/lib/operations/kernel";
import { footprint } from "./footprint";
import { opId } from "./fixtures";

/**
 * Runs an operation twice with one operation id, as a double click or a retry sends it: the first
 * call changes the company's footprint, the second changes nothing and answers with the first's
 * result alone (nothing to deliver again).
 */
export async function expectOnce(db: DatabaseOrTransaction, companyId: string, call: (operationId: string) => Promise<Committed<unknown>>) {
  const operationId = opId();
  const before = await footprint(db, companyId);
  const first = await call(operationId);
  const after = await footprint(db, companyId);
  expect(after).not.toEqual(before);
  expect(await call(operationId)).toEqual({ result: first.result });
  expect(await footprint(db, companyId)).toEqual(after);
}
