import { describe, expect, it } from "vitest";
import { isoDateField, isoInstantField } from "./dates";

describe("dates and instants as the database stores them", () => {
  it("takes the days and instants of years 1 to 9999 (positive control)", () => {
    expect(isoDateField("validation.date").parse("0001-01-01")).toBe("0001-01-01");
    expect(isoDateField("validation.date").parse("9999-12-31")).toBe("9999-12-31");
    expect(isoInstantField().parse("0001-01-01T00:00:00.000Z")).toBe("0001-01-01T00:00:00.000Z");
  });

  it("refuses the year 0, which PostgreSQL has not, with the field's own error", () => {
    expect(
      isoDateField("validation.date")
        .safeParse("0000-12-31")
        .error?.issues.map((issue) => issue.message),
    ).toEqual(["validation.date"]);
    expect(isoInstantField().safeParse("0000-06-01T12:00:00Z").success).toBe(false);
  });

  it("refuses what is no date at all, as before", () => {
    expect(
      isoDateField("validation.date")
        .safeParse("2026-02-30")
        .error?.issues.map((issue) => issue.message),
    ).toEqual(["validation.date"]);
  });
});
