import "server-only";
import { and, count, eq, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DatabaseOrTransaction } from "@/db/client";
import {
  certificates,
  companies,
  courseProgress,
  departments,
  groupMembers,
  learningGroups,
  lessons,
  type MembershipSource,
  streaks,
  userBadges,
  users,
} from "@/db/schema";
import { escapeLike, foldedNameLike } from "@/db/sql";
import type { Ctx } from "@/lib/auth/viewer";
import { currentTime } from "@/base/clock";
import { type GroupAccess, granted } from "@/lib/group-access/access";
import { currentStreak } from "@/lib/learning/streaks";
import { type Page, pageWindow } from "@/lib/pagination";

export const MEMBERS_PAGE_SIZE = 50;

export type MemberRow = {
  userId: string;
  name: string;
  departmentName: string | null;
  addedByName: string | null;
  addedAt: Date;
  source: MembershipSource;
  sourceLabel: string | null;
  /** Their progress in the group's linked course; null when the group has none (members see only membership then). */
  progress: MemberProgress | null;
};

export type MemberProgress = {
  lessonsDone: number;
  lessonsTotal: number;
  percent: number;
  /** Average quiz score in percent; null before any quiz. */
  score: number | null;
  /** The current streak as readers show it: 0 once a whole day in their time zone has passed without a lesson. */
  streak: number;
  /** Badges earned with completions in this course. */
  badges: number;
  certificateId: string | null;
  certificateSerial: string | null;
};

const addedBy = alias(users, "added_by");

/**
 * The Members tab: readable by the group's members and the company's admins. A page is taken in
 * name order from `group_members_company_group_sort_idx` (its keys only), and just those rows are
 * joined to people, so page 200 of a 10,000-member group reads 50 people, not 10,000.
 */
export async function listMembers(
  db: DatabaseOrTransaction,
  ctx: Ctx,
  access: GroupAccess,
  options: { search?: string; page?: number; now?: Date } = {},
): Promise<Page<MemberRow>> {
  const groupId = granted(ctx, access, "canRead").groupId;
  const { page, limit, offset } = pageWindow(options.page, MEMBERS_PAGE_SIZE);
  const term = options.search?.trim();
  const where = and(
    eq(groupMembers.companyId, ctx.companyId),
    eq(groupMembers.groupId, groupId),
    term ? foldedNameLike(sql`fold_name(${groupMembers.sortName})`, `%${escapeLike(term)}%`) : undefined,
  );
  const onPage = db
    .select({ userId: groupMembers.userId, sortName: groupMembers.sortName })
    .from(groupMembers)
    .where(where)
    .orderBy(groupMembers.sortName, groupMembers.userId)
    .limit(limit)
    .offset(offset)
    .as("on_page");
  // The linked course and its current lessons, counted once for the page (no row when there is no course).
  const course = db
    .select({
      id: sql<string>`${learningGroups.courseId}`.as("linked_course_id"),
      lessons: sql<number>`count(${lessons.id})::int`.as("linked_lesson_count"),
    })
    .from(learningGroups)
    .leftJoin(lessons, and(eq(lessons.courseId, learningGroups.courseId), isNull(lessons.retiredAt)))
    .where(and(eq(learningGroups.id, groupId), eq(learningGroups.companyId, ctx.companyId), sql`${learningGroups.courseId} is not null`))
    .groupBy(learningGroups.courseId)
    .as("course");
  const now = (options.now ?? currentTime()).toISOString();
  const [rows, [total]] = await Promise.all([
    db
      .select({
        userId: users.id,
        name: users.name,
        departmentName: departments.name,
        addedByName: addedBy.name,
        addedAt: groupMembers.addedAt,
        source: groupMembers.source,
        sourceLabel: groupMembers.sourceLabel,
        courseId: course.id,
        lessonsTotal: course.lessons,
        lessonsDone: courseProgress.lessonsDone,
        percent: courseProgress.percent,
        score: courseProgress.score,
        badges: sql<number>`(select count(*)::int from ${userBadges} b
          where b.user_id = ${onPage.userId} and b.company_id = ${ctx.companyId} and b.course_id = ${course.id})`,
        certificateId: certificates.id,
        certificateSerial: certificates.serial,
        streakCurrent: streaks.current,
        streakLongest: streaks.longest,
        streakLastDay: sql<string | null>`to_char(${streaks.lastDay}, 'YYYY-MM-DD')`,
        today: sql<string>`to_char((${now}::timestamptz at time zone coalesce(${users.timeZone}, ${companies.defaultTimeZone}))::date, 'YYYY-MM-DD')`,
      })
      .from(onPage)
      .innerJoin(groupMembers, and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, onPage.userId)))
      .innerJoin(users, eq(users.id, onPage.userId))
      .innerJoin(companies, eq(companies.id, users.companyId))
      .leftJoin(departments, eq(departments.id, users.departmentId))
      .leftJoin(addedBy, eq(addedBy.id, groupMembers.addedBy))
      .leftJoin(course, sql`true`)
      .leftJoin(
        courseProgress,
        and(eq(courseProgress.userId, onPage.userId), eq(courseProgress.courseId, course.id), eq(courseProgress.companyId, ctx.companyId)),
      )
      .leftJoin(
        certificates,
        and(eq(certificates.userId, onPage.userId), eq(certificates.courseId, course.id), eq(certificates.companyId, ctx.companyId)),
      )
      .leftJoin(streaks, and(eq(streaks.userId, onPage.userId), eq(streaks.companyId, ctx.companyId)))
      .orderBy(onPage.sortName, onPage.userId)
      .then((found) => found.map(toMemberRow)),
    // Every member row names a person of the group's company (the user key), so no join is needed.
    db.select({ value: count() }).from(groupMembers).where(where),
  ]);
  return { rows, total: total?.value ?? 0, page, pageSize: MEMBERS_PAGE_SIZE };
}

type MemberRecord = Omit<MemberRow, "progress"> & {
  courseId: string | null;
  lessonsTotal: number | null;
  lessonsDone: number | null;
  percent: number | null;
  score: number | null;
  badges: number;
  certificateId: string | null;
  certificateSerial: string | null;
  streakCurrent: number | null;
  streakLongest: number | null;
  streakLastDay: string | null;
  today: string;
};

function toMemberRow(record: MemberRecord): MemberRow {
  const { courseId, lessonsTotal, lessonsDone, percent, score, badges, certificateId, certificateSerial, ...member } = record;
  const { streakCurrent, streakLongest, streakLastDay, today, ...row } = member;
  const streak =
    streakCurrent === null || streakLastDay === null
      ? 0
      : currentStreak({ current: streakCurrent, longest: streakLongest ?? streakCurrent, lastDay: streakLastDay }, today);
  return {
    ...row,
    progress:
      courseId === null
        ? null
        : {
            lessonsDone: lessonsDone ?? 0,
            lessonsTotal: lessonsTotal ?? 0,
            percent: percent ?? 0,
            score,
            streak,
            badges: Number(badges),
            certificateId,
            certificateSerial,
          },
  };
}
