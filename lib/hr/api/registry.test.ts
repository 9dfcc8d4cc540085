import { describe, expect, it } from "vitest";
import { API_ROUTES } from "./registry";

describe("the API registry", () => {
  it("names the kernel operation of every write route, and none for a read", () => {
    const writes = API_ROUTES.filter((route) => route.scope === "write");
    expect(writes.length).toBeGreaterThan(0);
    expect(writes.filter((route) => typeof route.operation !== "function").map((route) => route.operationId)).toEqual([]);
    expect(API_ROUTES.filter((route) => route.scope === "read" && route.operation !== undefined).map((route) => route.operationId)).toEqual(
      [],
    );
  });
});
