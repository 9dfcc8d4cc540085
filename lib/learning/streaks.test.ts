import { describe, expect, it } from "vitest";
import { advanceStreak, currentStreak, isStreakMilestone } from "./streaks";

describe("streak arithmetic on local calendar dates", () => {
  const run = { current: 4, longest: 9, lastDay: "2026-03-28" };

  it("starts at one, keeps the same day, extends on the next day and restarts after a gap", () => {
    expect(advanceStreak(null, "2026-03-28")).toEqual({ current: 1, longest: 1, lastDay: "2026-03-28" });
    expect(advanceStreak(run, "2026-03-28")).toEqual(run);
    expect(advanceStreak(run, "2026-03-29")).toEqual({ current: 5, longest: 9, lastDay: "2026-03-29" });
    expect(advanceStreak(run, "2026-03-30")).toEqual({ current: 1, longest: 9, lastDay: "2026-03-30" });
  });

  it("ignores a completion dated before the last day, and raises the longest run", () => {
    expect(advanceStreak(run, "2026-03-20")).toEqual(run);
    expect(advanceStreak({ current: 9, longest: 9, lastDay: "2026-03-28" }, "2026-03-29").longest).toBe(10);
  });

  it("crosses month and year ends and the 23-hour day of a daylight-saving change", () => {
    expect(advanceStreak({ ...run, lastDay: "2026-02-28" }, "2026-03-01").current).toBe(5);
    expect(advanceStreak({ ...run, lastDay: "2026-12-31" }, "2027-01-01").current).toBe(5);
    expect(advanceStreak(run, "2026-03-29").current).toBe(5);
  });

  it("reads as broken once a whole day has passed", () => {
    expect(currentStreak(run, "2026-03-28")).toBe(4);
    expect(currentStreak(run, "2026-03-29")).toBe(4);
    expect(currentStreak(run, "2026-03-30")).toBe(0);
    expect(currentStreak(null, "2026-03-30")).toBe(0);
  });

  it("announces 3, 7, 14, 30, 60, 100 days and every hundred after", () => {
    const milestones = Array.from({ length: 450 }, (_, i) => i + 1).filter(isStreakMilestone);
    expect(milestones).toEqual([3, 7, 14, 30, 60, 100, 200, 300, 400]);
  });
});
