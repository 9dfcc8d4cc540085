import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { and, count, eq } from "drizzle-orm";
import type { Page } from "@playwright/test";
import { extractText, getDocumentProxy } from "unpdf";
import type { Database } from "@/db/client";
import { certificates, lessonCompletions, lessons, type QuizQuestion, type Role, userBadges } from "@/db/schema";
import { DEMO_PASSWORD } from "@/scripts/seed/accounts";
import { hashPassword } from "@/lib/auth/password";
import { completeLesson } from "@/lib/learning/operations/complete-lesson";
import { createCompany, createCourse, createLessons, createPerson } from "@/tests/fixtures";
import { expect, expectAccessible, signInAs, test } from "./support/fixtures";
import { expectCurrentEntry, navigateTo } from "./support/menu";

// Every test makes its own company, so its courses, badges and certificates are nobody else's.

const quiz: QuizQuestion[] = [
  { prompt: "Where do you report a phishing email?", options: ["Reply to the sender", "The security team"], answer: 1 },
  { prompt: "How long may a password be reused?", options: ["Never", "One year"], answer: 0 },
];

/** A fresh company with a course of three lessons (the second a quiz), or those given. */
async function newCompany(db: Database, quizzes: (QuizQuestion[] | null)[] = [null, quiz, null]) {
  const suffix = randomUUID().slice(0, 6);
  const company = await createCompany(db, `Learnwell ${suffix}`);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const person = (name: string, roles: Role[] = []) =>
    createPerson(db, company.id, {
      name: `${name} ${suffix}`,
      email: `${name.toLowerCase().replace(/\W+/g, ".")}.${suffix}@learnwell.example`,
      roles,
      passwordHash,
    });
  const course = await createCourse(db, company.id, `Security Basics ${suffix}`);
  const rows = await createLessons(db, course, quizzes);
  const titles = ["Why security matters", "Spotting phishing", "Passwords that last"];
  for (const [index, lesson] of rows.entries()) {
    await db
      .update(lessons)
      .set({ title: titles[index]!, content: `${titles[index]} is the topic of this lesson.\n\nRead it, then go on.` })
      .where(eq(lessons.id, lesson.id));
  }
  return { suffix, company, course, lessons: rows, person };
}

const streak = (page: Page) => page.getByRole("region", { name: "Your streak" }).getByTestId("current-streak");

test("a learner completes lessons and a quiz, earns a badge, finishes the course and downloads the certificate @learner", async ({
  page,
  db,
}) => {
  test.setTimeout(90_000);
  const { suffix, company, course, person } = await newCompany(db);
  const learner = await person("Lea Learner");
  const name = `Lea Learner ${suffix}`;

  await signInAs(page, learner.email);
  // Straight to the courses (the menu is not this test's subject); the menu offers them as the current page.
  await page.goto("/courses");
  await expectCurrentEntry(page, "Courses");
  await expect(page.getByRole("heading", { level: 1, name: "Courses", exact: true })).toBeVisible();
  // In the visible region: the page left behind stays in the document, hidden, while it may be returned to.
  await expect(streak(page)).toHaveText("No streak right now");
  await expect(page.getByRole("main").getByText("No badges yet. Complete your first lesson to earn one.")).toBeVisible();
  const card = page.getByRole("list", { name: "Your company's courses" }).getByRole("listitem");
  await expect(card).toHaveCount(1);
  await expect(card).toContainText("3 lessons");
  await expect(card).toContainText("Not started");
  await expectAccessible(page);

  await card.getByRole("link", { name: course.title }).click();
  await expect(page.getByRole("heading", { level: 1, name: course.title })).toBeVisible();
  await expect(page.getByRole("heading", { name: "0 of 3 lessons done" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Start the course" }).click();

  // Lesson 1: a double click is one completion, and earns the first badge once.
  await expect(page.getByRole("heading", { level: 1, name: "Why security matters" })).toBeVisible();
  await expect(page.getByRole("main").getByText("Lesson 1 of 3")).toBeVisible();
  await expect(page.getByRole("main").getByText("Read it, then go on.")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Mark as complete" }).dblclick();
  // No focus check here: when the answer comes back between the two clicks, the second click lands on
  // the summary that replaced the button and the browser moves focus to the page, as it should.
  const summary = page.getByRole("region", { name: "Lesson completed" });
  await expect(summary).toContainText("New badge: First lesson");
  await expect(summary).toContainText("Course progress: 33%");
  await expect(summary).toContainText("Streak: 1 day in a row");
  await expectAccessible(page);
  const [[completions], [badges]] = await Promise.all([
    db.select({ n: count() }).from(lessonCompletions).where(eq(lessonCompletions.userId, learner.id)),
    db
      .select({ n: count() })
      .from(userBadges)
      .where(and(eq(userBadges.userId, learner.id), eq(userBadges.badge, "first_lesson"))),
  ]);
  expect([completions!.n, badges!.n]).toEqual([1, 1]);

  // Coming back shows the lesson as done, with nothing left to submit.
  await page.reload();
  // Scoped to the page's main region: while a streamed page is revealed, React can hold a hidden
  // copy of the segment outside it for a moment, which an unscoped text match also counts.
  await expect(page.getByRole("main").getByText(/^You completed this lesson on/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Mark as complete" })).toHaveCount(0);

  // Lesson 2: a quiz, refused until every question is answered; one answer of two is right.
  await page.getByRole("navigation", { name: "Lessons" }).getByRole("link", { name: "Next lesson" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Spotting phishing" })).toBeVisible();
  await expectAccessible(page);
  const phishing = page.getByRole("group", { name: /Where do you report a phishing email\?/ });
  await phishing.getByRole("radio", { name: "The security team" }).check();
  await page.getByRole("button", { name: "Submit quiz" }).click();
  await expect(page.getByRole("main").getByText("Answer every question before you submit: 1 question is still open.")).toBeVisible();
  const passwords = page.getByRole("group", { name: /How long may a password be reused\?/ });
  await expect(passwords.getByRole("radio", { name: "Never" })).toBeFocused();
  await passwords.getByRole("radio", { name: "One year" }).check();
  await page.getByRole("button", { name: "Submit quiz" }).click();
  await expect(summary).toContainText("Your score: 50%");
  await expect(summary).toContainText("Course progress: 66%");
  await summary.getByRole("link", { name: "Continue with the next lesson" }).click();

  // Lesson 3 finishes the course.
  await expect(page.getByRole("heading", { level: 1, name: "Passwords that last" })).toBeVisible();
  await page.getByRole("button", { name: "Mark as complete" }).click();
  await expect(summary.getByRole("heading", { name: "Lesson completed" })).toBeFocused();
  await expect(summary).toContainText("You finished the course.");
  await expect(summary).toContainText("New badge: First course");
  await summary.getByRole("link", { name: "View your certificate" }).click();

  const [certificate] = await db.select().from(certificates).where(eq(certificates.userId, learner.id));
  const date = new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: company.defaultTimeZone }).format(certificate!.issuedAt);
  await expect(page.getByRole("heading", { level: 1, name: "Certificate of completion" })).toBeVisible();
  const fact = (term: string) => page.locator(`dt:text-is("${term}") + dd`);
  await expect(fact("Name")).toHaveText(name);
  await expect(fact("Course")).toHaveText(course.title);
  await expect(fact("Date")).toHaveText(date);
  await expect(fact("Serial number")).toHaveText(certificate!.serial);
  await expectAccessible(page);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download PDF" }).click()]);
  expect(download.suggestedFilename()).toBe(`certificate-${certificate!.serial}.pdf`);
  const pdf = await readFile(await download.path());
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
  for (const line of [name, course.title, `Date: ${date}`, `Serial number: ${certificate!.serial}`]) expect(text).toContain(line);

  // The course list shows the course as completed, the badges and the streak.
  await navigateTo(page, "Courses");
  await expect(card).toContainText("Completed");
  await expect(streak(page)).toHaveText("1 day in a row");
  const earned = page.getByRole("list", { name: "Your badges" });
  await expect(earned.getByText("First lesson", { exact: true })).toBeVisible();
  await expect(earned.getByText("First course", { exact: true })).toBeVisible();
  await expectAccessible(page);
});

test("a certificate is its owner's and their admins': another learner and another company get a 404", async ({ page, pageOf, db }) => {
  const {
    course,
    lessons: [only],
    person,
  } = await newCompany(db, [null]);
  const owner = await person("Otto Owner");
  const admin = await person("Ada Admin", ["admin"]);
  const colleague = await person("Carl Colleague");
  const { result } = await completeLesson(db, owner, { lessonId: only!.id, operationId: randomUUID() });
  const path = `/certificates/${result.certificateId}`;

  // The company's admin finds it on the person page.
  await signInAs(page, admin.email);
  await page.goto(`/admin/people/${owner.id}`);
  const table = page.getByRole("table", { name: "Their certificates" });
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(page.getByRole("list", { name: "Badges" }).getByText("First lesson", { exact: true })).toBeVisible();
  await expectAccessible(page);
  await table.getByRole("link", { name: course.title }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Certificate of completion" })).toBeVisible();
  expect((await page.request.get(`${path}/pdf`)).status()).toBe(200);

  for (const who of [colleague, "gary"] as const) {
    const other = await pageOf(who);
    await other.goto(path);
    await expect(other.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    const pdf = await other.request.get(`${path}/pdf`);
    expect([pdf.status(), pdf.headers()["content-type"]]).toEqual([404, "text/plain; charset=utf-8"]);
  }
});

test("a lesson that gained a quiz while its page was open asks for a reload, and completes nothing", async ({ page, db }) => {
  const {
    course,
    lessons: [first],
    person,
  } = await newCompany(db, [null]);
  const learner = await person("Rita Reload");
  await signInAs(page, learner.email);
  await page.goto(`/courses/${course.id}/lessons/${first!.id}`);
  await expect(page.getByRole("heading", { level: 1, name: "Why security matters" })).toBeVisible();

  // A re-import gives the lesson a quiz meanwhile.
  await db.update(lessons).set({ quiz }).where(eq(lessons.id, first!.id));
  await page.getByRole("button", { name: "Mark as complete" }).click();
  await expect(page.getByRole("alert", { name: /^This quiz has changed since you opened the page\./ })).toBeVisible();
  const [completions] = await db.select({ n: count() }).from(lessonCompletions).where(eq(lessonCompletions.userId, learner.id));
  expect(completions!.n).toBe(0);

  await page.reload();
  await expect(page.getByRole("button", { name: "Submit quiz" })).toBeVisible();
});

test("a learner of a company with many courses sees the last ones they worked on at home and pages through the rest @learner", async ({
  page,
  db,
}) => {
  const { suffix, course, lessons: rows, person } = await newCompany(db);
  const learner = await person("Cato Catalogue");
  // 29 courses in all, titled so that their order is known: the started one first, then by title.
  for (let n = 1; n <= 28; n++) await createCourse(db, course.companyId, `Topic ${String(n).padStart(2, "0")} ${suffix}`);
  await completeLesson(db, learner, { lessonId: rows[0]!.id, operationId: randomUUID() });

  await signInAs(page, learner.email);
  await page.goto("/");
  const mine = page.getByRole("region", { name: "My courses" });
  await expect(mine.getByRole("listitem")).toHaveCount(5);
  await expect(mine.getByRole("listitem").first()).toContainText(`Security Basics ${suffix}`);
  await mine.getByRole("link", { name: "All courses" }).click();

  await expect(page).toHaveURL(/\/courses$/);
  const list = page.getByRole("list", { name: "Your company's courses" });
  await expect(list.getByRole("listitem")).toHaveCount(24);
  await expect(page.getByText("Page 1", { exact: true })).toBeVisible();
  await page.getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/\/courses\?page=2$/);
  await expect(list.getByRole("listitem")).toHaveCount(5);
  await expect(list.getByRole("listitem").last()).toContainText(`Topic 28 ${suffix}`);
  await expectAccessible(page);
});
