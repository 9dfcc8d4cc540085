import "server-only";
import { type SQL, sql } from "drizzle-orm";
import type { Streak } from "@/db/schema";

export type StreakState = Pick<Streak, "current" | "longest" | "lastDay">;

const DAY_MS = 86_400_000;

/**
 * The learner's local date at `at`, as "YYYY-MM-DD": their time zone, else their company's. The one
 * place a completion's day is decided; the statement must have the learner as `u` and their company as `co`.
 */
export const learnerDay = (at: SQL): SQL =>
  sql`to_char((${at} at time zone coalesce(u.time_zone, co.default_time_zone))::date, 'YYYY-MM-DD')`;

/** Whole days from one calendar date ("YYYY-MM-DD") to another; calendar dates have no time zone left in them. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/**
 * The streak after a completion on `day`, the learner's local date (`learnerDay`). The same day changes nothing; the next day extends the run; a later day starts
 * a new one. A completion dated before the last day (a clock moved back, a late replay) changes nothing.
 */
export function advanceStreak(previous: StreakState | null, day: string): StreakState {
  if (!previous) return { current: 1, longest: 1, lastDay: day };
  const gap = daysBetween(previous.lastDay, day);
  if (gap <= 0) return previous;
  const current = gap === 1 ? previous.current + 1 : 1;
  return { current, longest: Math.max(previous.longest, current), lastDay: day };
}

/** What readers show: the stored run, or 0 once a whole local day has passed without a completion. */
export function currentStreak(streak: StreakState | null, today: string): number {
  if (!streak) return 0;
  return daysBetween(streak.lastDay, today) > 1 ? 0 : streak.current;
}

const EARLY_MILESTONES = new Set([3, 7, 14, 30, 60]);

/** Streak lengths the feed announces: 3, 7, 14, 30, 60, 100 days and every hundred after. */
export function isStreakMilestone(days: number): boolean {
  return EARLY_MILESTONES.has(days) || (days >= 100 && days % 100 === 0);
}
