import type { Database, DatabaseOrTransaction } from "@/db/client";
import { companies } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { env } from "@/base/env";
import { DEMO_PASSWORD } from "./accounts";
import { insertAssignments, type SeededAssignments } from "./assignments";
import { insertCourses } from "./courses";
import { insertGroups } from "./groups";
import { insertPeople } from "./people";
import { deriveLearningRecords } from "./learning";
import { countLearningRecords, insertCompletions, type LearningRecords } from "./progress";
import { createRandom } from "./random";

export { DEMO_PASSWORD, demoAccounts } from "./accounts";

// Any fixed number will do; changing it reshuffles every generated name, enrolment and membership.
const SEED = 20_260_101;

export type SeedSummary = LearningRecords &
  SeededAssignments & {
    companies: number;
    departments: number;
    users: number;
    courses: number;
    lessons: number;
    completions: number;
    groups: number;
    memberships: number;
    announced: number;
  };

export async function isSeeded(db: DatabaseOrTransaction): Promise<boolean> {
  const rows = await db.select({ id: companies.id }).from(companies).limit(1);
  return rows.length > 0;
}

/**
 * Fills an empty database with two companies of believable people, courses, progress and groups.
 * All of it is one transaction: a failure leaves the database empty rather than half seeded.
 * Never in production: every seeded account shares a password printed on the sign-in page and in this repository.
 */
export async function seed(db: Database, options: { now?: Date } = {}): Promise<SeedSummary> {
  if (env().production) {
    throw new Error("The demo seed refuses production (NODE_ENV=production): its accounts share a published password.");
  }
  const now = options.now ?? new Date();
  const rng = createRandom(SEED);
  // Password hashing is deliberately slow; one hash shared by all 190 people keeps seeding fast.
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  return db.transaction(async (tx) => {
    // Emails are unique product-wide, so a second run would fail halfway with a less helpful error.
    if (await isSeeded(tx)) throw new Error("The database already holds companies; seed only an empty database.");

    const { companyIds, departments, people } = await insertPeople(tx, rng, now, passwordHash);
    const courses = await insertCourses(tx, rng, now, companyIds);
    const completions = await insertCompletions(tx, rng, now, people, courses);
    await deriveLearningRecords(tx, courses, now);
    const learning = await countLearningRecords(tx);
    const groups = await insertGroups(tx, rng, now, people, courses);
    const assignments = await insertAssignments(tx, now);

    return {
      companies: companyIds.size,
      departments,
      users: people.length,
      courses: courses.length,
      lessons: courses.reduce((sum, course) => sum + course.lessons.length, 0),
      completions,
      ...learning,
      ...groups,
      ...assignments,
    };
  });
}
