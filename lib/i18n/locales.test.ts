import { describe, expect, it } from "vitest";
import { OPTIONS_LIMIT } from "@/lib/pagination";
import { matchTimeZones, timeZones } from "./locales";

describe("finding a time zone by what is typed", () => {
  const zones = timeZones();

  it("finds a zone by its city, whatever the case, spaces standing for underscores", () => {
    expect(matchTimeZones(zones, "berlin").options.map((zone) => zone.id)).toEqual(["Europe/Berlin"]);
    expect(matchTimeZones(zones, " New York ").options.map((zone) => zone.id)).toEqual(["America/New_York"]);
    expect(matchTimeZones(zones, "europe/ber").options.map((zone) => zone.id)).toEqual(["Europe/Berlin"]);
    expect(matchTimeZones(zones, "atlantis")).toEqual({ options: [], more: false });
  });

  it("answers a page of the first zones when nothing is typed, saying there are more", () => {
    const page = matchTimeZones(zones, "");
    expect(zones.length).toBeGreaterThan(400);
    expect(page.options).toHaveLength(OPTIONS_LIMIT);
    expect(page.options[0]).toEqual({ id: "UTC" });
    expect(page.more).toBe(true);
  });
});
