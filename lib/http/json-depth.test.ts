import { describe, expect, it } from "vitest";
import { nested } from "@/tests/arbitraries";
import { MAX_JSON_DEPTH, nestsDeeperThan } from "./json-depth";

describe("how deep JSON nests", () => {
  it("measures arrays and objects alike, at any depth, without recursion", () => {
    expect(nestsDeeperThan(nested(MAX_JSON_DEPTH))).toBe(false);
    expect(nestsDeeperThan(nested(MAX_JSON_DEPTH + 1))).toBe(true);
    expect(nestsDeeperThan(nested(100_000))).toBe(true);
  });

  it("counts nothing for values that are no list or object (positive control)", () => {
    expect(nestsDeeperThan("text", 0)).toBe(false);
    expect(nestsDeeperThan(null, 0)).toBe(false);
    expect(nestsDeeperThan([], 0)).toBe(true);
    expect(nestsDeeperThan([1, [2, [3]]], 3)).toBe(false);
  });
});
