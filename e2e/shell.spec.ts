import type { Page } from "@playwright/test";
import { createGroup } from "@/tests/fixtures";
import { expect, expectAccessible, test } from "./support/fixtures";
import { expectCurrentEntry, mainMenu } from "./support/menu";
import { newPerson } from "./support/people";

// The shell of issue #28: the main menu by sections from the permission map, a sidebar on wide screens,
// a menu button and drawer on phones, the current entry, the bell's panel on the screen, the icon.

/** The names of the main menu's sections, in order: each is a list labelled by its title. */
const sectionsOf = async (page: Page) =>
  (await mainMenu(page))
    .locator("ul[aria-labelledby]")
    .evaluateAll((lists) => lists.map((list) => document.getElementById(list.getAttribute("aria-labelledby")!)?.textContent));

// pageOf opens a context of the project's device: the tests set their screen's size on the page.

test("at 1366×768 an admin's menu is one sidebar column of sections, and a group's page is under Learning groups", async ({
  pageOf,
  db,
}) => {
  const admin = await newPerson(db, "Shell Admin", { roles: ["admin"] });
  const group = await createGroup(db, admin, { name: `Shell group ${admin.id.slice(0, 6)}` });
  const page = await pageOf(admin);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto("/");
  expect(await sectionsOf(page)).toEqual(["Learn", "Manage", "Settings"]);
  const menu = await mainMenu(page);
  const boxes = await menu.getByRole("link").evaluateAll((links) => links.map((link) => link.getBoundingClientRect().toJSON()));
  expect(boxes.length).toBeGreaterThan(10);
  // One column: every entry starts at the same x, each below the one before, all within a narrow sidebar.
  expect(new Set(boxes.map((box) => box.x)).size).toBe(1);
  expect(boxes.every((box, index) => index === 0 || box.y >= boxes[index - 1].bottom)).toBe(true);
  expect(Math.max(...boxes.map((box) => box.right))).toBeLessThanOrEqual(300);
  // The sidebar is the screen's height; the page is beside it.
  expect(await page.getByRole("banner").boundingBox()).toMatchObject({ x: 0, y: 0, height: 768 });
  expect((await page.getByRole("main").boundingBox())!.x).toBeGreaterThanOrEqual(256);
  await expectCurrentEntry(page, "Home");

  await page.goto(`/groups/${group.id}`);
  await expect(page).toHaveTitle(`Members · ${group.name} · Cohort`);
  await expectCurrentEntry(page, "Learning groups");
  // Marked by a bar too, not only for assistive technology.
  const bar = (name: string) => menu.getByRole("link", { name, exact: true }).evaluate((link) => getComputedStyle(link).borderLeftColor);
  expect(await bar("Learning groups")).not.toBe(await bar("My groups"));
});

test("on a 390×844 phone a learner's menu button opens a drawer without Manage that closes on Escape and on navigation; the bell's panel stays on the screen", async ({
  pageOf,
}) => {
  const page = await pageOf("lena");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/courses");
  const button = page.getByRole("button", { name: "Menu", exact: true });
  const drawer = page.getByRole("dialog", { name: "Menu" });
  await expect(page.getByRole("navigation", { name: "Main menu" })).toBeHidden();
  await expect(button).toHaveAttribute("aria-expanded", "false");
  // The top bar sticks to the top, as high as --shell-top says; the document scrolls under it.
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--shell-top").trim())).toBe("3.5rem");
  expect(await page.getByRole("banner").boundingBox()).toMatchObject({ x: 0, y: 0, width: 390, height: 56 });

  // A learner's menu: no Manage section.
  expect(await sectionsOf(page)).toEqual(["Learn", "Settings"]);
  await expect(button).toHaveAttribute("aria-expanded", "true");
  await expect(drawer.getByRole("button", { name: "Close menu" })).toBeFocused();
  await expect(drawer.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expectAccessible(page);
  await page.keyboard.press("Escape");
  await expect(drawer).toBeHidden();
  await expect(button).toBeFocused();

  await (await mainMenu(page)).getByRole("link", { name: "My groups" }).click();
  await expect(page).toHaveURL(/\/groups$/);
  await expect(drawer).toBeHidden();
  await expect(button).toHaveAttribute("aria-expanded", "false");

  await page.getByRole("button", { name: /^Notifications/ }).click();
  const panel = page.getByRole("region", { name: "Notifications", exact: true });
  await expect(panel).toBeVisible();
  const box = (await panel.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  expect(box.y + box.height).toBeLessThanOrEqual(844);
});

test("the icon answers as an image, /favicon.ico included", async ({ page }) => {
  const favicon = await page.request.get("/favicon.ico");
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()["content-type"]).toMatch(/^image\//);
  await page.goto("/sign-in");
  const icons = await page.locator('link[rel="icon"]').evaluateAll((links) => links.map((link) => (link as HTMLLinkElement).href));
  expect(icons.length).toBeGreaterThan(0);
  for (const href of icons) expect((await page.request.get(href)).headers()["content-type"]).toMatch(/^image\//);
});
