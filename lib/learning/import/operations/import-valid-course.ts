import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { type Transaction, queryRows } from "@/db/client";
import { assignmentChanged } from "@/lib/assignments/events";
import { completeAssignments } from "@/lib/assignments/sql";
import type { Ctx } from "@/lib/auth/viewer";
import { type Committed, defineOperation } from "@/lib/operations/kernel";
import { activityFanOut } from "../../events";
import { finishCourse } from "../../finish";
import { refreshCourseProgress } from "../../progress";
import { type CourseFile, courseFileSchema } from "../format";

export type ImportSummary = {
  courseId: string;
  title: string;
  outcome: "created" | "updated";
  lessonsAdded: number;
  lessonsUpdated: number;
  lessonsRetired: number;
  /** People with progress in the course whose percent was computed again. */
  learnersRecomputed: number;
};

type LessonCounts = { added: number; updated: number };

/** The file's lessons as one JSON parameter, positions counted from 1 in the file's order. */
const incomingLessons = (course: CourseFile) =>
  sql`jsonb_to_recordset(${JSON.stringify(
    course.lessons.map((lesson, index) => ({ ...lesson, quiz: lesson.quiz ?? null, position: index + 1 })),
  )}::jsonb) as x(key text, position int, title text, content text, quiz jsonb)`;

/** Inserts or updates the course by its key within the company; the row stays locked until commit. */
async function upsertCourse(tx: Transaction, ctx: Ctx, course: CourseFile, now: Date) {
  const [row] = await queryRows<{ id: string; created: boolean }>(
    tx,
    sql`insert into courses (company_id, key, title, description, created_at, updated_at)
        values (${ctx.companyId}, ${course.key}, ${course.title}, ${course.description}, ${now}, ${now})
        on conflict (company_id, key) do update set title = excluded.title, description = excluded.description, updated_at = excluded.updated_at
        returning id, (xmax = 0) as created`,
  );
  return row!;
}

/**
 * Brings the course's lessons in line with the file, a fixed number of statements however many
 * lessons: count what will change, retire the lessons the file no longer lists, move the remaining
 * current ones to negative positions (the partial unique index on (course, position) would refuse
 * a swap done in place), then insert new lessons and update the others, un-retiring returners.
 */
async function syncLessons(tx: Transaction, ctx: Ctx, courseId: string, course: CourseFile, now: Date) {
  const keys = course.lessons.map((lesson) => lesson.key);
  const [counts] = await queryRows<LessonCounts>(
    tx,
    sql`select (count(*) filter (where l.id is null))::int as added,
               (count(*) filter (where l.id is not null and (
                 l.retired_at is not null or l.position <> x.position or l.title <> x.title
                 or l.content <> x.content or l.quiz is distinct from x.quiz)))::int as updated
        from ${incomingLessons(course)}
        left join lessons l on l.course_id = ${courseId} and l.key = x.key`,
  );
  const retired = await queryRows<{ id: string }>(
    tx,
    sql`update lessons set retired_at = ${now}
        where course_id = ${courseId} and retired_at is null
          and key not in (select jsonb_array_elements_text(${JSON.stringify(keys)}::jsonb))
        returning id`,
  );
  await tx.execute(sql`update lessons set position = -position - 1 where course_id = ${courseId} and retired_at is null`);
  await tx.execute(
    sql`insert into lessons (company_id, course_id, key, position, title, content, quiz)
        select ${ctx.companyId}, ${courseId}, x.key, x.position, x.title, x.content, x.quiz from ${incomingLessons(course)}
        on conflict (course_id, key) do update
          set position = excluded.position, title = excluded.title, content = excluded.content, quiz = excluded.quiz, retired_at = null`,
  );
  return { added: counts!.added, updated: counts!.updated, retired: retired.length };
}

/**
 * Imports a course file already found valid: all or nothing, in one transaction, once per operation
 * id. The course is matched by its key within the caller's company (another company's course of the
 * same key is another course), lessons by their keys within the course. Everyone with progress in the
 * course is then recomputed by the same statement a completion uses: added lessons lower the percent
 * of those who have not finished, retired ones raise it, and whoever now has every current lesson
 * done has finished — with a certificate, events and badges, as if their last lesson had just been
 * completed. Those who had finished stay finished.
 */
export const importValidCourse = defineOperation({
  kind: "course.import",
  permission: "course.import",
  input: z.object({ course: courseFileSchema, operationId: z.uuid() }),
  run: async ({ tx, ctx, input: { course }, now, audit }): Promise<Committed<ImportSummary>> => {
    const { id, created } = await upsertCourse(tx, ctx, course, now);
    const lessons = await syncLessons(tx, ctx, id, course, now);
    const scope = { companyId: ctx.companyId, courseId: id };
    const progress = await refreshCourseProgress(tx, scope, now);
    const activities = await finishCourse(tx, { ...scope, userIds: progress.newlyFinished }, now);
    const completedAssignments = await completeAssignments(tx, { ...scope, userIds: progress.newlyFinished }, now);
    await audit({
      action: created ? "course.imported" : "course.reimported",
      targetType: "course",
      targetId: id,
      details: {
        key: course.key,
        title: course.title,
        ...lessons,
        learnersRecomputed: progress.refreshed,
        newlyFinished: progress.newlyFinished.length,
      },
    });
    const result: ImportSummary = {
      courseId: id,
      title: course.title,
      outcome: created ? "created" : "updated",
      lessonsAdded: lessons.added,
      lessonsUpdated: lessons.updated,
      lessonsRetired: lessons.retired,
      learnersRecomputed: progress.refreshed,
    };
    if (activities.length === 0 && completedAssignments.length === 0) return { result };
    return { result, events: [...(await activityFanOut(tx, ctx.companyId, activities)), ...assignmentChanged(completedAssignments)] };
  },
});
