import { expect, type Locator, type Page } from "@playwright/test";
import { type Say, sayIn } from "./say";

const english = sayIn("en");

/** The drawer of narrow screens (components/shell/menu-drawer.tsx). */
const drawerOf = (page: Page, t: Say) => page.getByRole("dialog", { name: t("nav.menu") });

/**
 * What holds the main menu and the account (name, company, Sign out) as a person reaches it: the
 * sidebar on a wide screen; on a narrow one the drawer, opened with the menu button if it is closed.
 */
export async function openMenu(page: Page, t: Say = english): Promise<Locator> {
  const button = page.getByRole("button", { name: t("nav.menu"), exact: true });
  if (!(await button.isVisible())) return page.getByRole("banner");
  // Clicked again until it opens: a click before the page hydrates does nothing.
  await expect(async () => {
    if ((await button.getAttribute("aria-expanded")) !== "true") await button.click();
    await expect(drawerOf(page, t)).toBeVisible({ timeout: 1_000 });
  }).toPass();
  return drawerOf(page, t);
}

/** The main menu's navigation landmark, opened as `openMenu` opens it. */
export const mainMenu = async (page: Page, t: Say = english): Promise<Locator> =>
  (await openMenu(page, t)).getByRole("navigation", { name: t("nav.main") });

/** Closes the drawer if it is open (after looking into it); on a wide screen there is nothing to close. */
export async function closeMenu(page: Page, t: Say = english): Promise<void> {
  if (!(await drawerOf(page, t).isVisible())) return;
  await page.keyboard.press("Escape");
  await expect(drawerOf(page, t)).toBeHidden();
}

/** Follows the main menu's entry `label` (the drawer closes as the page changes). */
export async function navigateTo(page: Page, label: string, t: Say = english): Promise<void> {
  await (await mainMenu(page, t)).getByRole("link", { name: label, exact: true }).click();
}

/** The main menu marks `label` as the current page, and nothing else; the drawer is closed again after looking. */
export async function expectCurrentEntry(page: Page, label: string, t: Say = english): Promise<void> {
  const menu = await mainMenu(page, t);
  await expect(menu.getByRole("link", { name: label, exact: true })).toHaveAttribute("aria-current", "page");
  await expect(menu.locator('[aria-current="page"]')).toHaveCount(1);
  await closeMenu(page, t);
}
