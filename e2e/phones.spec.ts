import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { overflowsOf } from "./support/overflow";
import { newPerson } from "./support/people";
import { learningRoutes, managingRoutes, signedOutRoutes, unlistedPages } from "./support/routes";
import { sayIn } from "./support/say";

/** The phone of the walk; set on each page, as `pageOf` makes its contexts with the project's own viewport. */
const phone = { width: 390, height: 844 };

/** What sticks out of a 390 px screen on each route, as "route: selector: …" (e2e/support/overflow.ts). */
async function overflowsOn(page: Page, paths: readonly string[]): Promise<string[]> {
  await page.setViewportSize(phone);
  const found: string[] = [];
  for (const route of paths) {
    const response = await page.goto(route);
    expect(response?.status(), route).toBe(200);
    found.push(...(await overflowsOf(page)).map((line) => `${route}: ${line}`));
  }
  return found;
}

test("the route list opens every page of the app", async ({ db }) => {
  const { member, outsider } = await learningRoutes(db, "en");
  const managing = await managingRoutes(db, "en");
  expect(unlistedPages([...member.paths, ...outsider.paths, ...managing.paths, ...signedOutRoutes]), "pages no route opens").toEqual([]);
});

// Two halves, which run side by side: the pages of learning (and signed out), and those of managing.
test("no page of learning sticks out of a 390 px screen, signed in or not", async ({ pageOf, browser, db }) => {
  const { member, outsider } = await learningRoutes(db, "en");
  const found = await overflowsOn(await pageOf(member.person), member.paths);
  found.push(...(await overflowsOn(await pageOf(outsider.person), outsider.paths)));
  const visitor = await browser.newContext();
  found.push(...(await overflowsOn(await visitor.newPage(), signedOutRoutes)));
  await visitor.close();
  expect(found, "wider than the screen").toEqual([]);
});

test("no page of managing sticks out of a 390 px screen", async ({ pageOf, db }) => {
  const managing = await managingRoutes(db, "en");
  expect(await overflowsOn(await pageOf(managing.person), managing.paths), "wider than the screen").toEqual([]);
});

/** Fails unless `locator`'s whole box lies between the screen's edges (`toBeInViewport` is content with a part of it). */
async function expectWithin(locator: Locator, width: number, what: string) {
  const box = await locator.boundingBox();
  expect(box, what).not.toBeNull();
  expect(box!.x, `${what}: left edge`).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, `${what}: right edge`).toBeLessThanOrEqual(width);
}

/** Whether the scroll region around a table scrolls sideways (its content wider than its frame). */
const scrollsSideways = (region: Locator) => region.evaluate((frame) => frame.scrollWidth > frame.clientWidth);

test("the members table shows how everyone joined at 1366 px; on a phone it is a list, and Add members stays on screen", async ({
  pageOf,
  db,
}) => {
  const t = sayIn("en");
  const { member } = await learningRoutes(db, "en");
  const members = member.paths.find((path) => path.endsWith("/members"))!;
  const page = await pageOf(member.person);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(members);
  const table = page.getByRole("region", { name: t("members.tableLabel") });
  await expect(page.getByRole("columnheader", { name: t("members.columns.added") })).toBeInViewport({ ratio: 1 });
  expect(await scrollsSideways(table), "the members table scrolls sideways at 1366 px").toBe(false);

  await page.setViewportSize(phone);
  const row = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: member.person.name }) });
  // Each member a list item: the name on top, "How they joined" (the last column) on a line of its own below it.
  const name = await row.getByRole("rowheader").boundingBox();
  const joined = await row.getByRole("cell").last().boundingBox();
  expect(joined!.y, "how they joined, below the name").toBeGreaterThan(name!.y);
  await expectWithin(row, phone.width, "a member's row");
  expect(await scrollsSideways(table), "the members list scrolls sideways on a phone").toBe(false);

  await page.getByRole("button", { name: t("members.addButton") }).click();
  const dialog = page.getByRole("dialog");
  await expectWithin(dialog, phone.width, "the Add members dialog");
  await dialog.getByRole("combobox", { name: t("members.add.people.label") }).fill("Kai");
  const suggestions = dialog.getByRole("listbox");
  await expect(suggestions.getByRole("option").first()).toBeVisible();
  await expectWithin(suggestions, phone.width, "the people suggestions");
});

test("on a phone a person of the people list reads as a list item: the status beside the name, the email labelled below", async ({
  pageOf,
  db,
}) => {
  const t = sayIn("en");
  const person = await newPerson(db, "Lisa Listed", { roles: ["admin"] });
  const page = await pageOf(person);
  await page.setViewportSize(phone);
  await page.goto(`/admin/people?q=${encodeURIComponent(person.name)}`);
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: person.name }) });
  const [name, status, email] = await Promise.all([
    row.getByRole("rowheader").boundingBox(),
    row.getByRole("cell").last().boundingBox(),
    row.getByRole("cell", { name: person.email }).boundingBox(),
  ]);
  // The badge on the name's line (their boxes overlap vertically); the email on a line below both.
  expect(status!.y, "the status beside the name").toBeLessThan(name!.y + name!.height);
  expect(email!.y, "the email below the name").toBeGreaterThanOrEqual(name!.y + name!.height);
  // Its column's name goes with it, shown before the value.
  expect(await row.getByRole("cell", { name: person.email }).evaluate((cell) => getComputedStyle(cell, "::before").content)).toBe(
    `"${t("people.table.email")}"`,
  );
  await expectWithin(row, phone.width, "a person's row");
});
