import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { type Ctx, type SystemJob, systemCtx } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { inputFor } from "@/tests/arbitraries";
import { footprint } from "@/tests/footprint";
import { type FuzzWorld, stageFuzzWorld } from "@/tests/fuzz-world";
import { propertyRuns, propertyTimeout } from "@/tests/property";
import { importSources, operationModules } from "@/tests/inventory";
import { type Operation, registeredOperations } from "./kernel";

/**
 * Every registered operation through the kernel, on a real database, with generated inputs (issue
 * 22): whatever comes in, the answer is an expected error (an `AppError`) or the work done, never
 * another error (a driver's, a TypeError: a 500); a refusal leaves no row behind (the footprint), but
 * for the audit row of a refusal that is audited on purpose. At least a third of the inputs pass the
 * schema, so the work behind it is fuzzed too, not only the schema.
 */

await importSources(operationModules());
const operations = [...registeredOperations()].sort(([a], [b]) => a.localeCompare(b));

let db: Database;
let world: FuzzWorld;
stageFuzzWorld((stage) => ({ db, world } = stage));

/** The operation's rightful caller kind: a scheduler job's system actor, or else the company's admin (HR too), in their own right. */
function callerOf(operation: Operation): Ctx {
  const job = /^system\.(.+)$/.exec(operation.spec.permission)?.[1];
  return job ? systemCtx(world.companyId, job as SystemJob) : world.admin;
}

/** The footprint a refusal may leave: nothing, but the audit row of a refusal audited on purpose (`auditRefusal`). */
function afterRefusal(operation: Operation, before: Record<string, number | string>, error: AppError, input: unknown) {
  const parsed = operation.spec.input.safeParse(input);
  const audited = parsed.success && operation.spec.auditRefusal?.(error, parsed.data) ? 1 : 0;
  return { ...before, audit: Number(before.audit) + audited };
}

describe("operations through the kernel", () => {
  it("loads one operation per operation module", () => {
    expect(operations.length).toBe(operationModules().length);
  });

  it.each(operations)(
    "%s: an expected answer for every input, nothing written on a refusal",
    async (_kind, operation) => {
      const caller = callerOf(operation);
      let runs = 0;
      let accepted = 0;
      // What the company holds now: read again only after the work was done.
      let current = await footprint(db, world.companyId);
      await fc.assert(
        fc.asyncProperty(inputFor(operation.spec.input, world.inputs), async (input) => {
          runs++;
          if (operation.spec.input.safeParse(input).success) accepted++;
          const before = current;
          try {
            await operation(db, caller, input as never);
            current = await footprint(db, world.companyId);
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
            current = await footprint(db, world.companyId);
            expect(current).toEqual(afterRefusal(operation, before, error, input));
          }
        }),
        propertyRuns(25, 2000),
      );
      expect(accepted / runs, `${accepted} of ${runs} inputs passed the schema`).toBeGreaterThanOrEqual(1 / 3);
    },
    propertyTimeout,
  );
});

describe("regressions the fuzzers found", () => {
  // Seed 20261206: a scheduler run named by 3,000 characters reached the operations' unique index,
  // which holds at most 2,704 bytes a row ("index row size exceeds maximum": a 500).
  it.each(["system.sign-ins", "system.rollup"])("%s refuses a run id no index can hold", async (kind) => {
    const operation = registeredOperations().get(kind)!;
    const before = await footprint(db, world.companyId);
    await expect(operation(db, callerOf(operation), { operationId: "a".repeat(3000) } as never)).rejects.toMatchObject({
      code: "invalid_input",
    });
    expect(await footprint(db, world.companyId)).toEqual(before);
  });

  // Seed 2: a new hire starting on 0000-12-31, a date ISO 8601 has and PostgreSQL has not (a 500).
  it("hr.new_hire refuses a start date in the year 0", async () => {
    const newHire = registeredOperations().get("hr.new_hire")!;
    const input = { name: "Nell New", email: "nell@fuzz.example", startDate: "0000-12-31", operationId: randomUUID() };
    const before = await footprint(db, world.companyId);
    await expect(newHire(db, world.admin, input as never)).rejects.toMatchObject({
      code: "invalid_input",
      issues: [{ path: "startDate", message: "validation.date" }],
    });
    expect(await footprint(db, world.companyId)).toEqual(before);
  });
});
