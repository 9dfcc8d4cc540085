import "server-only";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import { type Badge, certificates, courses, userBadges, users } from "@/db/schema";
import type { Ctx } from "@/lib/auth/viewer";
import { currentTime } from "@/base/clock";
import { assertCan, can } from "@/lib/permissions";
import { currentStreak, learnerDay, type StreakState } from "./streaks";

export type EarnedBadge = { badge: Badge; awardedAt: Date; courseTitle: string };
export type CertificateSummary = { id: string; serial: string; issuedAt: Date; courseId: string; courseTitle: string };
export type LearningRecords = { badges: EarnedBadge[]; certificates: CertificateSummary[] };

/** A certificate as lists and its page show it; the query joins `courses`. */
const certificateSummary = {
  id: certificates.id,
  serial: certificates.serial,
  issuedAt: certificates.issuedAt,
  courseId: certificates.courseId,
  courseTitle: courses.title,
};

/**
 * A person's badges and certificates: everyone sees their own; admins and HR staff those of the
 * people of their company (another company's person simply has none here).
 */
export async function getLearningRecords(db: DatabaseOrTransaction, ctx: Ctx, personId: string): Promise<LearningRecords> {
  if (personId !== ctx.userId) assertCan(ctx, "learning.viewOthers");
  const [badges, issued] = await Promise.all([
    db
      .select({ badge: userBadges.badge, awardedAt: userBadges.awardedAt, courseTitle: courses.title })
      .from(userBadges)
      .innerJoin(courses, eq(courses.id, userBadges.courseId))
      .where(and(eq(userBadges.userId, personId), eq(userBadges.companyId, ctx.companyId)))
      .orderBy(asc(userBadges.awardedAt), asc(userBadges.badge)),
    db
      .select(certificateSummary)
      .from(certificates)
      .innerJoin(courses, eq(courses.id, certificates.courseId))
      .where(and(eq(certificates.userId, personId), eq(certificates.companyId, ctx.companyId)))
      .orderBy(desc(certificates.issuedAt), asc(certificates.serial)),
  ]);
  return { badges, certificates: issued };
}

export type StreakView = { current: number; longest: number };

/**
 * My streak as of `now`: the stored run, judged against today in my time zone (the company's when
 * I chose none), so it reads as broken once a whole day has passed without a lesson.
 */
export async function getMyStreak(db: DatabaseOrTransaction, ctx: Ctx, now: Date = currentTime()): Promise<StreakView> {
  const [row] = await queryRows<StreakState & { today: string }>(
    db,
    sql`select s.current, s.longest, to_char(s.last_day, 'YYYY-MM-DD') as "lastDay",
               ${learnerDay(sql`${now.toISOString()}::timestamptz`)} as today
        from streaks s
        join users u on u.id = s.user_id
        join companies co on co.id = u.company_id
        where s.user_id = ${ctx.userId} and s.company_id = ${ctx.companyId}`,
  );
  return row ? { current: currentStreak(row, row.today), longest: row.longest } : { current: 0, longest: 0 };
}

export type CertificateView = CertificateSummary & { ownerId: string; ownerName: string };

/**
 * A certificate for its owner, or for the admins and HR staff of the owner's company; null for
 * everyone else (a 404, never a hint that it exists). The page and the PDF both read it here.
 */
export async function getCertificate(db: DatabaseOrTransaction, ctx: Ctx, certificateId: string): Promise<CertificateView | null> {
  const [certificate] = await db
    .select({
      ...certificateSummary,
      ownerId: certificates.userId,
      ownerName: users.name,
    })
    .from(certificates)
    .innerJoin(courses, eq(courses.id, certificates.courseId))
    .innerJoin(users, eq(users.id, certificates.userId))
    .where(
      and(
        eq(certificates.id, certificateId),
        eq(certificates.companyId, ctx.companyId),
        can(ctx, "learning.viewOthers") ? undefined : eq(certificates.userId, ctx.userId),
      ),
    );
  return certificate ?? null;
}
