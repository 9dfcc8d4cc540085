import { describe, expect, it } from "vitest";
import { clientAddress, minutesUntil } from "./throttle";

describe("clientAddress", () => {
  it("takes the X-Forwarded-For entry the trusted proxies put there, then X-Real-IP, else nothing", () => {
    // The client wrote 203.0.113.9 itself; our one proxy appended the address it saw.
    const forwarded = new Headers({ "x-forwarded-for": " 203.0.113.9 , 198.51.100.7", "x-real-ip": "10.0.0.1" });
    expect(clientAddress(forwarded, 1)).toBe("198.51.100.7");
    expect(clientAddress(forwarded, 2)).toBe("203.0.113.9");
    expect(clientAddress(new Headers({ "x-forwarded-for": "198.51.100.7" }), 3)).toBe("198.51.100.7");
    expect(clientAddress(new Headers({ "x-real-ip": "2001:db8::1" }), 1)).toBe("2001:db8::1");
    expect(clientAddress(new Headers({ "x-forwarded-for": "" }), 1)).toBeNull();
    expect(clientAddress(new Headers(), 1)).toBeNull();
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
