import { describe, expect, it } from "vitest";
import { retryDelay } from "./realtime-connection";

describe("reconnect waits", () => {
  it("double from half a second up to fifteen, each spread over the upper half of its step", () => {
    expect([0, 1, 2, 5, 10].map((attempt) => retryDelay(attempt, () => 0))).toEqual([250, 500, 1000, 7500, 7500]);
    expect([0, 1, 2, 5, 10].map((attempt) => retryDelay(attempt, () => 1))).toEqual([500, 1000, 2000, 15000, 15000]);
  });
});
