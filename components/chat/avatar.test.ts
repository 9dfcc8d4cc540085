import { describe, expect, it } from "vitest";
import { initialsOf, tintOf } from "./avatar";

describe("avatars", () => {
  it("take the first and last name's initials, whole characters only", () => {
    expect(initialsOf("Anna Maria Lee")).toBe("AL");
    expect(initialsOf("  ben ")).toBe("B");
    expect(initialsOf("Émile 𝒵ola")).toBe("É𝒵");
  });

  it("give one person the same tint every time, and tell people apart", () => {
    expect(tintOf("0b6c2a1e-1f3a-4c1e-9d1a-2b3c4d5e6f70")).toBe(tintOf("0b6c2a1e-1f3a-4c1e-9d1a-2b3c4d5e6f70"));
    const tints = new Set(Array.from({ length: 40 }, (_, index) => tintOf(`person-${index}`)));
    expect(tints.size).toBeGreaterThan(4);
  });
});
