import { describe, expect, it } from "vitest";
import { clientAddress, minutesUntil } from "./throttle";

describe("clientAddress", () => {
  it("takes the first hop of X-Forwarded-For, then X-Real-IP, else nothing", () => {
    expect(clientAddress(new Headers({ "x-forwarded-for": " 198.51.100.7 , 10.0.0.1", "x-real-ip": "10.0.0.1" }))).toBe("198.51.100.7");
    expect(clientAddress(new Headers({ "x-real-ip": "2001:db8::1" }))).toBe("2001:db8::1");
    expect(clientAddress(new Headers({ "x-forwarded-for": "" }))).toBeNull();
    expect(clientAddress(new Headers())).toBeNull();
  });
});

describe("minutesUntil", () => {
  const now = new Date("2026-01-01T10:00:00Z");
  it("rounds up to whole minutes and never says zero", () => {
    expect(minutesUntil(new Date("2026-01-01T10:15:00Z"), now)).toBe(15);
    expect(minutesUntil(new Date("2026-01-01T10:14:01Z"), now)).toBe(15);
    expect(minutesUntil(new Date("2026-01-01T10:00:05Z"), now)).toBe(1);
    expect(minutesUntil(new Date("2026-01-01T09:59:00Z"), now)).toBe(1);
  });
});
