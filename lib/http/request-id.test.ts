import { describe, expect, it } from "vitest";
import { requestIdFor } from "./request-id";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("x-request-id from the client", () => {
  it("is kept when it is 8 to 64 letters, digits and dashes", () => {
    for (const id of ["abcd1234", "3f0c2d9e-4b7a-4c55-9a47-0d7b1d3c2e11", "A".repeat(64), "--------"]) {
      expect(requestIdFor(id)).toBe(id);
    }
  });

  it("is replaced by a fresh UUID otherwise", () => {
    const refused = [
      null,
      undefined,
      "",
      "abc1234",
      "A".repeat(65),
      "abcd 1234",
      "abcd1234\nlevel=error",
      "abcd_1234",
      "abcd1234;",
      "äbcd1234",
      '"abcd1234"',
    ];
    for (const id of refused) expect(requestIdFor(id), JSON.stringify(id)).toMatch(UUID);
    expect(requestIdFor(null)).not.toBe(requestIdFor(null));
  });
});
