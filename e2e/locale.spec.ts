import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import type { Database } from "@/db/client";
import { completeLesson } from "@/lib/learning/operations/complete-lesson";
import en from "@/lib/i18n/messages/en.json" with { type: "json" };
import { createCompany, createCourse, createLessons, createPerson } from "@/tests/fixtures";
import { expect, expectAccessible, test } from "./support/fixtures";
import { demoPasswordHash, newPerson } from "./support/people";
import { learningRoutes, managingRoutes, signedOutRoutes } from "./support/routes";
import { type Language, sayIn } from "./support/say";
import { closeMenu, mainMenu } from "./support/menu";

/**
 * A company of the test's own with one course of two lessons, and a learner in the given language who
 * has completed the first: the home page shows that course at 50 % with today's activity.
 */
async function learnerWithProgress(db: Database, locale: Language) {
  const suffix = randomUUID().slice(0, 6);
  const company = await createCompany(db, `Formats ${suffix}`);
  const learner = await createPerson(db, company.id, {
    name: `Lou Locale ${suffix}`,
    email: `lou.${locale}.${suffix}@formats.example`,
    passwordHash: await demoPasswordHash(),
    locale,
  });
  const course = await createCourse(db, company.id, `Formats ${suffix}`);
  const [first] = await createLessons(db, course, [null, null]);
  await completeLesson(db, learner, { lessonId: first!.id, operationId: randomUUID() });
  return learner;
}

test("a German person reads German, in German formats, under lang=de @learner", async ({ pageOf, db }) => {
  const page = await pageOf(await learnerWithProgress(db, "de"));
  const t = sayIn("de");
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await expect((await mainMenu(page, t)).getByRole("link", { name: t("nav.home") })).toBeVisible();
  await closeMenu(page, t);
  // German puts a (non-breaking) space before the percent sign, from the one percent format.
  await expect(page.getByTestId("course-percent").first()).toHaveText("Mein Fortschritt: 50\u00a0%");
  // Day before month, then the year: "7. Dez. 2026".
  await expect(
    page
      .getByRole("main")
      .getByText(/Letzte Aktivität am \d{1,2}\. \p{L}+\.? \d{4}/u)
      .first(),
  ).toBeVisible();
  await expectAccessible(page);
});

test("an English-locale person sees English formats", async ({ pageOf, db }) => {
  const page = await pageOf(await learnerWithProgress(db, "en"));
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByTestId("course-percent").first()).toHaveText("My progress: 50%");
  await expect(
    page
      .getByRole("main")
      .getByText(/Last activity [A-Z][a-z]{2} \d{1,2}, \d{4}/)
      .first(),
  ).toBeVisible();
});

test("choosing Deutsch on the profile turns the interface German at once, and English back", async ({ pageOf, db }) => {
  const person = await newPerson(db, "Wanda Wechsel");
  const page = await pageOf(person);
  await page.goto("/profile");
  const en = sayIn("en");
  const de = sayIn("de");
  // Only languages with every sentence translated are offered.
  const language = page.getByRole("combobox", { name: en("profile.form.language") });
  await expect(language.locator("option")).toHaveText([
    /^\S/,
    "English",
    "British English",
    "Deutsch",
    "Österreichisches Deutsch",
    "Schweizer Hochdeutsch",
  ]);
  await language.selectOption("de");
  await page.getByRole("button", { name: en("profile.form.save") }).click();
  await expect(page.getByRole("heading", { level: 1, name: de("profile.title") })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await expect(await mainMenu(page, de)).toBeVisible();

  await page.getByRole("combobox", { name: de("profile.form.language") }).selectOption("en");
  await page.getByRole("button", { name: de("profile.form.save") }).click();
  await expect(page.getByRole("heading", { level: 1, name: en("profile.title") })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
});

/** The English sentences of three words or more that contain no value: one of them in German is English left over. */
const englishSentences = new Set(
  (function leaves(tree: object): string[] {
    return Object.values(tree).flatMap((value) => (typeof value === "string" ? [value] : leaves(value as object)));
  })(en).filter((text) => !/[{<]/.test(text) && /\p{L}+\s+\p{L}+\s+\p{L}+/u.test(text)),
);

/** Every text node of the page's main region that is an English catalogue sentence. */
async function englishIn(page: Page): Promise<string[]> {
  const texts = await page.getByRole("main").evaluate((main) => {
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    const found: string[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.replace(/\s+/g, " ").trim();
      if (text) found.push(text);
    }
    return found;
  });
  return texts.filter((text) => englishSentences.has(text));
}

/** The English catalogue sentences on each route, as `page` sees it; every page answers 200 under lang=de. */
async function englishOn(page: Page, routes: readonly string[]): Promise<string[]> {
  const left: string[] = [];
  for (const route of routes) {
    // The server's HTML is what is read: no need to wait for every script and image.
    const response = await page.goto(route, { waitUntil: "domcontentloaded" });
    expect(response?.status(), route).toBe(200);
    await expect(page.locator("html"), route).toHaveAttribute("lang", "de");
    left.push(...(await englishIn(page)).map((text) => `${route}: ${text}`));
  }
  return left;
}

// Two halves, which run side by side: the pages of learning, and those of managing (e2e/support/routes.ts).
test("every page of learning reads German for a German person, signed in or not", async ({ pageOf, browser, db }) => {
  const { member, outsider } = await learningRoutes(db, "de");
  const left = await englishOn(await pageOf(member.person), member.paths);
  left.push(...(await englishOn(await pageOf(outsider.person), outsider.paths)));

  // Signed out, the browser's language decides.
  const visitor = await browser.newContext({ locale: "de-DE" });
  left.push(...(await englishOn(await visitor.newPage(), signedOutRoutes)));
  await visitor.close();
  expect(left, "English sentences on German pages").toEqual([]);
});

test("every page of managing reads German for a German admin in HR", async ({ pageOf, db }) => {
  const managing = await managingRoutes(db, "de");
  const left = await englishOn(await pageOf(managing.person), managing.paths);
  expect(left, "English sentences on German pages").toEqual([]);
});
