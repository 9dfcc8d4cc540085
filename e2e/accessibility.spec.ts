import type { Page } from "@playwright/test";
import { expect, expectAccessible, test } from "./support/fixtures";
import { learningRoutes, managingRoutes, signedOutRoutes } from "./support/routes";

/**
 * axe with every rule it runs by default (none disabled): the key pages in `npm test`, every route of
 * e2e/support/routes.ts in `npm run test:extended` (the tests tagged @extended; the default run leaves
 * them out, playwright.extended.config.ts runs only them).
 */

/** Each route's axe violations, as "route: …" lines; an empty list when all pass. */
async function violationsOn(page: Page, paths: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const route of paths) {
    const response = await page.goto(route);
    expect(response?.status(), route).toBe(200);
    try {
      await expectAccessible(page, "every rule");
    } catch (error) {
      found.push(`${route}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return found;
}

/** The key pages of learning: home, and a group's members, chat and statistics. */
const keyOfLearning = (path: string) => path === "/" || /^\/groups\/[^/]+\/(members|chat|statistics)$/.test(path);
/** The key pages of managing: the learning groups, the people, the bulk-assignment wizard. */
const keyOfManaging = (path: string) => ["/admin/groups", "/admin/people", "/admin/assignments/new"].includes(path);

test("the key pages of learning pass axe", async ({ pageOf, db }) => {
  const { member } = await learningRoutes(db, "en");
  const paths = member.paths.filter(keyOfLearning);
  expect(paths).toHaveLength(4);
  expect(await violationsOn(await pageOf(member.person), paths)).toEqual([]);
});

test("the key pages of managing pass axe", async ({ pageOf, db }) => {
  const managing = await managingRoutes(db, "en");
  const paths = managing.paths.filter(keyOfManaging);
  expect(paths).toHaveLength(3);
  expect(await violationsOn(await pageOf(managing.person), paths)).toEqual([]);
});

test("every page of learning passes axe, signed in or not @extended", async ({ pageOf, browser, db }) => {
  test.setTimeout(180_000);
  const { member, outsider } = await learningRoutes(db, "en");
  const found = await violationsOn(await pageOf(member.person), member.paths);
  found.push(...(await violationsOn(await pageOf(outsider.person), outsider.paths)));
  const visitor = await browser.newContext();
  found.push(...(await violationsOn(await visitor.newPage(), signedOutRoutes)));
  await visitor.close();
  expect(found).toEqual([]);
});

test("every page of managing passes axe @extended", async ({ pageOf, db }) => {
  test.setTimeout(180_000);
  const managing = await managingRoutes(db, "en");
  expect(await violationsOn(await pageOf(managing.person), managing.paths)).toEqual([]);
});
