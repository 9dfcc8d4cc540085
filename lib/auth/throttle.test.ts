import { describe, expect, it } from "vitest";
import { minutesUntil, secondsUntil } from "./throttle";

describe("minutesUntil", () => {
  const now = new Date("2026-01-01T10:00:00Z");
  it("rounds up to whole minutes and never says zero", () => {
    expect(minutesUntil(new Date("2026-01-01T10:15:00Z"), now)).toBe(15);
    expect(minutesUntil(new Date("2026-01-01T10:14:01Z"), now)).toBe(15);
    expect(minutesUntil(new Date("2026-01-01T10:00:05Z"), now)).toBe(1);
    expect(minutesUntil(new Date("2026-01-01T09:59:00Z"), now)).toBe(1);
  });

  it("and seconds likewise", () => {
    expect(secondsUntil(new Date("2026-01-01T10:00:59.200Z"), now)).toBe(60);
    expect(secondsUntil(new Date("2026-01-01T09:59:00Z"), now)).toBe(1);
  });
});
