import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fileText } from "@/tests/arbitraries";
import { propertyRuns, propertyTimeout } from "@/tests/property";
import { jsonErrorIndex } from "./json-position";

/** Text a course file may hold: JSON, JSON cut short or nested past any recursion, and anything at all. */
const courseText = fc.oneof(fileText, fc.string({ unit: "binary" }));

describe("locating a JSON error, for any text", () => {
  it(
    "answers an index within the text, never a throw, and the end for what JSON.parse reads",
    () => {
      fc.assert(
        fc.property(courseText, (text) => {
          const index = jsonErrorIndex(text);
          expect(index).toBeGreaterThanOrEqual(0);
          expect(index).toBeLessThanOrEqual(text.length);
          let parsed = true;
          try {
            JSON.parse(text);
          } catch {
            parsed = false;
          }
          if (parsed) expect(index).toBe(text.length);
        }),
        propertyRuns(200, 2000),
      );
    },
    propertyTimeout,
  );
});
