import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { actionInputs, actionOperations } from "@/lib/actions/safe-action";
import { InvalidInputError } from "@/lib/errors";
import { createGroupSchema } from "@/lib/groups/schemas";
import { fieldErrorsOf } from "@/lib/http/errors";
import { registeredOperations } from "@/lib/operations/kernel";
import { inputFor } from "@/tests/arbitraries";
import { formKey, refusalOf } from "@/tests/input-issues";
import { propertyRuns, propertyTimeout } from "@/tests/property";
import { serverActions } from "@/tests/inventory";

/**
 * Every server action's input schema against generated inputs, hostile ones among them (issue 22):
 * parsing never throws, and a refusal says only what a form can show (a catalogue key, or zod's own
 * sentence for a malformed shape). The actions are read from the code (tests/inventory.ts).
 */

const actions = await serverActions();

/** The schema an action parses its input with: its own, or its operation's. */
function inputSchemaOf(action: (...args: never[]) => unknown): z.ZodType | undefined {
  const own = actionInputs.get(action);
  if (own) return own;
  const operation = actionOperations.get(action);
  return operation && registeredOperations().get(operation.spec.kind)?.spec.input;
}

describe("server action inputs", () => {
  it("finds every action, each with its schema", () => {
    expect(actions.length).toBeGreaterThan(40);
    const without = actions.filter(([, , action]) => !inputSchemaOf(action)).map(([file, name]) => `${file}: ${name}`);
    expect(without).toEqual([]);
  });

  it.each(actions)(
    "%s: %s never throws, and refuses in catalogue keys",
    (_file, _name, action) => {
      const schema = inputSchemaOf(action)!;
      fc.assert(
        fc.property(inputFor(schema), (input) => {
          const { error, strays } = refusalOf(schema, input, formKey);
          expect(strays).toEqual([]);
          // The refusal as the action answers it (field errors), built as the wrapper and the kernel build it.
          if (error) expect(fieldErrorsOf(new InvalidInputError(error).issues).code).toBe("invalid_input");
        }),
        propertyRuns(200, 2000),
      );
    },
    propertyTimeout,
  );
});

describe("regressions the fuzzers found", () => {
  // Seed 20261206: `Number(value)` of an object without a usable valueOf or toString threw out of the
  // schema (a TypeError, so a 500) instead of refusing the field.
  it.each([{ valueOf: 1, toString: 1 }, [Object.create(null)]])(
    "a group's maximum that is no number is refused, not thrown: %o",
    (maxMembers) => {
      const { error, strays } = refusalOf(createGroupSchema, { name: "Wave", maxMembers, operationId: randomUUID() }, formKey);
      expect(strays).toEqual([]);
      expect(error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([["maxMembers", "validation.maxMembersNumber"]]);
    },
  );
});
