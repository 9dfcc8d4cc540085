import { sql } from "drizzle-orm";
import { queryRows, type Transaction } from "@/db/client";
import { lessonCompletions } from "@/db/schema";
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
        // Drawn for demo accounts too, so every later draw (and so the rest of the demo) stays put.
        const drawn = lesson.hasQuiz ? quizScore(rng) : null;
        rows.push({
          companyId: course.companyId,
          userId: person.id,
          courseId: course.id,
          lessonId: lesson.id,
          // Demo accounts ace their quizzes, so their badges (a perfect quiz) are the same on every seed.
          score: drawn === null || fixed === undefined ? drawn : 100,
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

export type LearningRecords = { courseProgress: number; certificates: number; badges: number; activityEvents: number };

export async function countLearningRecords(tx: Transaction): Promise<LearningRecords> {
  const [counts] = await queryRows<LearningRecords>(
    tx,
    sql`select (select count(*)::int from course_progress) as "courseProgress",
               (select count(*)::int from certificates) as certificates,
               (select count(*)::int from user_badges) as badges,
               (select count(*)::int from activity_events) as "activityEvents"`,
  );
  return counts!;
}
