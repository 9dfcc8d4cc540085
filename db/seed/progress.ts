import { eq, sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { courseProgress, lessonCompletions, lessons } from "@/db/schema";
import type { SeededCourse } from "./courses";
import type { SeededPerson } from "./people";
import { DAY, MINUTE, type Random, ago } from "./random";

type Enrolment = {
  course: string;
  /** Chance that a person takes the course; 0 for people it is not meant for. */
  rate: (person: SeededPerson) => number;
  /** Demo accounts get fixed lesson counts, so their dashboards look the same on every seed. */
  fixed?: Record<string, number>;
};

const inAcme = (person: SeededPerson) => person.company === "acme";
const inGlobex = (person: SeededPerson) => person.company === "globex";

const ENROLMENTS: Enrolment[] = [
  {
    course: "Welcome to Acme",
    rate: (p) => (inAcme(p) ? 0.6 : 0),
    fixed: { "lena.learner@acme.example": 5, "jonas.mueller@acme.example": 3 },
  },
  { course: "Security Awareness", rate: (p) => (inAcme(p) ? 0.5 : 0) },
  {
    course: "Sales Fundamentals",
    rate: (p) => (inAcme(p) && p.department === "Sales" ? 0.9 : 0),
    fixed: { "lena.learner@acme.example": 4 },
  },
  {
    course: "Product Deep Dive",
    rate: (p) => (inAcme(p) && ["Engineering", "Sales", "Customer Success"].includes(p.department) ? 0.3 : 0),
  },
  { course: "Leadership Basics", rate: (p) => (inAcme(p) ? (p.isHead ? 0.9 : 0.06) : 0) },
  {
    course: "Globex Onboarding",
    rate: (p) => (inGlobex(p) ? 0.7 : 0),
    fixed: { "gary.learner@globex.example": 3 },
  },
  { course: "Compliance 101", rate: (p) => (inGlobex(p) ? 0.45 : 0) },
];

/** Roughly a quarter finished, half somewhere in the middle, the rest just started. */
function lessonsDone(rng: Random, total: number): number {
  const roll = rng.next();
  if (roll < 0.25) return total;
  if (roll < 0.75) return rng.int(Math.ceil(total * 0.3), total - 1);
  return rng.int(1, Math.min(2, total - 1));
}

/** Skewed towards good results, as real quiz scores are; never below 40. */
const quizScore = (rng: Random) => Math.round(100 - 60 * rng.next() ** 2);

type CompletionRow = typeof lessonCompletions.$inferInsert;

function planCompletions(rng: Random, now: Date, people: SeededPerson[], courses: SeededCourse[]): CompletionRow[] {
  const rows: CompletionRow[] = [];
  for (const enrolment of ENROLMENTS) {
    const course = courses.find((candidate) => candidate.title === enrolment.course);
    if (!course) throw new Error(`Seed course ${enrolment.course} is missing`);
    for (const person of people) {
      const fixed = enrolment.fixed?.[person.email];
      if (fixed === undefined && !rng.chance(enrolment.rate(person))) continue;
      const done = fixed ?? lessonsDone(rng, course.lessons.length);
      // Uniform moments between the person's start and now, sorted: lessons are done in order.
      const start = ago(now, rng.between(1, 45) * DAY).getTime();
      const end = now.getTime() - 5 * MINUTE;
      const times = Array.from({ length: done }, () => rng.between(start, end)).sort((a, b) => a - b);
      course.lessons.slice(0, done).forEach((lesson, index) => {
        rows.push({
          companyId: course.companyId,
          userId: person.id,
          courseId: course.id,
          lessonId: lesson.id,
          score: lesson.hasQuiz ? quizScore(rng) : null,
          completedAt: new Date(times[index]!),
        });
      });
    }
  }
  return rows;
}

// PostgreSQL accepts at most 65,535 bind parameters per statement; 2,000 rows × 6 columns stays well below.
const CHUNK = 2000;

export async function insertCompletions(
  tx: Transaction,
  rng: Random,
  now: Date,
  people: SeededPerson[],
  courses: SeededCourse[],
): Promise<number> {
  const rows = planCompletions(rng, now, people, courses);
  let inserted = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = await tx
      .insert(lessonCompletions)
      .values(rows.slice(i, i + CHUNK))
      .returning({ id: lessonCompletions.id });
    inserted += part.length;
  }
  return inserted;
}

/**
 * Derives course_progress from the completions in one INSERT … SELECT, the same numbers the
 * application maintains per completion, so the demo statistics agree with the lesson data.
 */
export async function insertCourseProgress(tx: Transaction): Promise<number> {
  const totals = tx
    .select({ courseId: lessons.courseId, total: sql<number>`count(*)::int`.as("total") })
    .from(lessons)
    .groupBy(lessons.courseId)
    .as("totals");
  const lastAt = sql`max(${lessonCompletions.completedAt})`;

  const inserted = await tx
    .insert(courseProgress)
    .select(
      tx
        .select({
          companyId: lessonCompletions.companyId,
          userId: lessonCompletions.userId,
          courseId: lessonCompletions.courseId,
          // Aliases only satisfy drizzle's insert-select typing; INSERT … SELECT matches columns by position.
          lessonsDone: sql<number>`count(*)::int`.as("lessons_done"),
          percent: sql<number>`round(100.0 * count(*) / ${totals.total})::int`.as("percent"),
          // avg ignores the nulls of lessons without a quiz, and is null when there was no quiz at all.
          score: sql<number | null>`round(avg(${lessonCompletions.score}))::int`.as("score"),
          lastActivityAt: sql<Date>`${lastAt}`.as("last_activity_at"),
          completedAt: sql<Date | null>`case when count(*) = ${totals.total} then ${lastAt} end`.as("completed_at"),
        })
        .from(lessonCompletions)
        .innerJoin(totals, eq(totals.courseId, lessonCompletions.courseId))
        .groupBy(lessonCompletions.userId, lessonCompletions.courseId, lessonCompletions.companyId, totals.total),
    )
    .returning({ userId: courseProgress.userId });
  return inserted.length;
}
