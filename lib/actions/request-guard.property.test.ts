import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_JSON_DEPTH, nestsDeeperThan } from "@/lib/http/json-depth";
import { fileText } from "@/tests/arbitraries";
import { propertyRuns, propertyTimeout } from "@/tests/property";
import { refuseMalformedAction } from "./request-guard";

/** A server action's body: text of any kind, and the same as the one argument of a list. */
const body = fc.oneof(fileText, fc.string({ unit: "binary" })).chain((text) => fc.constantFrom(text, `[${text}]`));

const request = (text: string) =>
  new Request("http://cohort.test/groups", {
    method: "POST",
    headers: { "next-action": "7f02bd19", "content-type": "text/plain" },
    body: text,
  });

describe("the server action guard, for any body", () => {
  it(
    "answers 400, or lets through only an argument list React decodes, never a throw",
    async () => {
      await fc.assert(
        fc.asyncProperty(body, async (text) => {
          const refused = await refuseMalformedAction(request(text));
          if (refused) {
            expect(refused.status).toBe(400);
            return;
          }
          const args: unknown = JSON.parse(text);
          expect(Array.isArray(args)).toBe(true);
          expect(nestsDeeperThan(args, MAX_JSON_DEPTH)).toBe(false);
        }),
        propertyRuns(200, 2000),
      );
    },
    propertyTimeout,
  );
});
