import "server-only";
import { sql } from "drizzle-orm";
import type { DatabaseOrTransaction } from "@/db/client";
import { uuidArray } from "@/db/sql";
import { awardBadges } from "./badges";
import { type ActivityRow, activityReturning, readActivities } from "./activities";

export type FinishScope = { companyId: string; courseId: string; userIds: readonly string[] };

/**
 * For people who just finished a course (see `refreshCourseProgress`): a certificate each, the
 * `course_completed` and `certificate_issued` events, and the badges for finished courses — a fixed
 * number of statements however many people. Returns the events to publish after commit.
 *
 * Serials read CHT-<year of issue>-<company number>-<number>, e.g. CHT-2026-0007-000042. The number
 * comes from the company's counter row, whose upsert hands out a block of numbers atomically: two
 * people finishing at the same moment queue on that row and get distinct numbers. The company number
 * is drawn from a product-wide sequence with the counter row, so serials of two companies never meet;
 * unlike a random suffix, no collision is merely unlikely.
 */
export async function finishCourse(tx: DatabaseOrTransaction, scope: FinishScope, now: Date): Promise<ActivityRow[]> {
  if (scope.userIds.length === 0) return [];
  const { companyId, courseId } = scope;
  const finished = await readActivities(
    tx,
    sql`with finishers as (
        select p.user_id, row_number() over (order by p.user_id) as n, count(*) over () as total
        from course_progress p
        where p.company_id = ${companyId} and p.course_id = ${courseId} and p.user_id = any(${uuidArray(scope.userIds)})
          and p.completed_at is not null
          and not exists (select 1 from certificates c where c.user_id = p.user_id and c.course_id = p.course_id)
      ),
      counter as (
        insert into certificate_counters (company_id, last_number)
        select ${companyId}, count(*) from finishers having count(*) > 0
        on conflict (company_id) do update set last_number = certificate_counters.last_number + excluded.last_number
        returning last_number, company_number
      ),
      issued as (
        insert into certificates (company_id, user_id, course_id, serial, issued_at)
        select ${companyId}, f.user_id, ${courseId},
               format('CHT-%s-%s-%s', ${now.getUTCFullYear()}::int, lpad(k.company_number::text, 4, '0'),
                      lpad((k.last_number - f.total + f.n)::text, 6, '0')),
               ${now}
        from finishers f cross join counter k
        on conflict (user_id, course_id) do nothing
        returning id, user_id, serial
      )
      insert into activity_events (company_id, user_id, type, course_id, certificate_id, payload, created_at)
      select ${companyId}, i.user_id, kind.type, ${courseId}, i.id,
             case when kind.type = 'certificate_issued' then jsonb_build_object('serial', i.serial) else '{}'::jsonb end, ${now}
      from issued i cross join (values ('course_completed'::activity_type), ('certificate_issued'::activity_type)) as kind (type)
      ${activityReturning}`,
  );
  const finishers = [...new Set(finished.map((row) => row.userId))];
  if (finishers.length === 0) return [];
  // Courses finished by `now`, and this one (a back-dated completion can finish it "after" `now`):
  // the seed issues certificates in historical order while later finishes are already recorded.
  const badges = await awardBadges(
    tx,
    companyId,
    sql`select p.user_id, ${courseId}::uuid as course_id, ${now}::timestamptz as at, null::int as lessons,
               count(*)::int as courses, null::int as streak, null::int as best_score
        from course_progress p
        where p.company_id = ${companyId} and p.user_id = any(${uuidArray(finishers)}) and (p.completed_at <= ${now} or p.course_id = ${courseId})
        group by p.user_id`,
  );
  return [...finished, ...badges];
}
