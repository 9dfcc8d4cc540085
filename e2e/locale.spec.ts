import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import { completeLesson } from "@/lib/learning/operations/complete-lesson";
import { createCompany, createCourse, createLessons, createPerson } from "@/tests/fixtures";
import { expect, expectAccessible, test } from "./support/fixtures";
import { demoPasswordHash } from "./support/people";

/**
 * A company of the test's own with one course of two lessons, and a learner in the given locale who
 * has completed the first: the home page shows that course at 50 % with today's activity, and nobody
 * else's progress or courses.
 */
async function learnerWithProgress(db: Database, locale: "de" | "en") {
  const suffix = randomUUID().slice(0, 6);
  const company = await createCompany(db, `Formats ${suffix}`);
  const learner = await createPerson(db, company.id, {
    name: `Lou Locale ${suffix}`,
    email: `lou.${locale}.${suffix}@formats.example`,
    passwordHash: await demoPasswordHash(),
  });
  await db.update(users).set({ locale }).where(eq(users.id, learner.id));
  const course = await createCourse(db, company.id, `Formats ${suffix}`);
  const [first] = await createLessons(db, course, [null, null]);
  await completeLesson(db, learner, { lessonId: first!.id, operationId: randomUUID() });
  return learner;
}

test("the German-locale person sees German date and number formats @learner", async ({ pageOf, db }) => {
  const page = await pageOf(await learnerWithProgress(db, "de"));
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  const percent = page.getByTestId("course-percent").first();
  // German puts a (non-breaking) space before the percent sign.
  await expect(percent).toHaveText(/^My progress: \d{1,3}\s%$/);
  // Day before month, then the year: "16. Nov. 2026".
  await expect(
    page
      .getByRole("main")
      .getByText(/Last activity \d{1,2}\. \p{L}+\.? \d{4}/u)
      .first(),
  ).toBeVisible();
  await expectAccessible(page);
});

test("an English-locale person sees English formats", async ({ pageOf, db }) => {
  const page = await pageOf(await learnerWithProgress(db, "en"));
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByTestId("course-percent").first()).toHaveText(/^My progress: \d{1,3}%$/);
  await expect(
    page
      .getByRole("main")
      .getByText(/Last activity [A-Z][a-z]{2} \d{1,2}, \d{4}/)
      .first(),
  ).toBeVisible();
});
