import "server-only";
import { type SQL, sql } from "drizzle-orm";
import type { DatabaseOrTransaction } from "@/db/client";
import type { Badge } from "@/db/schema";
import { type ActivityRow, activityReturning, readActivities } from "./activities";

/**
 * What badges are judged on, per person: lessons completed, courses finished, the current streak in
 * days, and the best quiz score in question. A fact unknown to the caller is null and earns nothing.
 */
type Fact = "lessons" | "courses" | "streak" | "best_score";

/** The badge rules, all of them: a badge is earned once its fact reaches the threshold. */
export const BADGE_RULES: readonly { badge: Badge; fact: Fact; atLeast: number }[] = [
  { badge: "first_lesson", fact: "lessons", atLeast: 1 },
  { badge: "first_course", fact: "courses", atLeast: 1 },
  { badge: "three_courses", fact: "courses", atLeast: 3 },
  { badge: "streak_7", fact: "streak", atLeast: 7 },
  { badge: "streak_30", fact: "streak", atLeast: 30 },
  { badge: "perfect_quiz", fact: "best_score", atLeast: 100 },
];

/**
 * Awards every badge the facts earn and has not been awarded yet, with a `badge_awarded` event each,
 * in one statement however many people. `facts` is a query with the columns user_id, course_id (the
 * course of the completion that earned it), at (the moment), lessons, courses, streak and best_score.
 * The primary key (user, badge) makes each award happen once, also under concurrency.
 */
export async function awardBadges(tx: DatabaseOrTransaction, companyId: string, facts: SQL): Promise<ActivityRow[]> {
  const earned = sql.join(
    BADGE_RULES.map(
      (rule) =>
        sql`select user_id, course_id, at, ${rule.badge}::badge as badge from facts where ${sql.identifier(rule.fact)} >= ${rule.atLeast}`,
    ),
    sql` union all `,
  );
  return readActivities(
    tx,
    sql`with facts as (${facts}),
      awarded as (
        insert into user_badges (company_id, user_id, badge, course_id, awarded_at)
        select ${companyId}, user_id, badge, course_id, at from (${earned}) earned
        on conflict do nothing
        returning user_id, badge, course_id, awarded_at
      )
      insert into activity_events (company_id, user_id, type, course_id, badge, created_at)
      select ${companyId}, user_id, 'badge_awarded', course_id, badge, awarded_at from awarded
      ${activityReturning}`,
  );
}
