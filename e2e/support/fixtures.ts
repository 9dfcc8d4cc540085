import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";
import { type Database, openPostgres } from "@/db/client";
import { DEMO_PASSWORD } from "@/scripts/seed/accounts";
import { e2eDatabaseUrl } from "./env";

/** Every page a test visits gets an accessibility check against WCAG 2 A/AA. */
export async function expectAccessible(page: Page): Promise<void> {
  // Next streams a dynamic page's metadata after its body, so the title can arrive a moment later.
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(summary, "accessibility violations").toEqual([]);
}

/**
 * Signs in through the form, as whoever was signed in before signed out; the one place the form itself
 * is the subject is auth.spec.ts.
 */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  // The page leaves the app before its cookies go: a request of the previous session still in flight
  // (a session refresh answers with Set-Cookie) would otherwise sign it in again.
  await page.goto("about:blank");
  await page.context().clearCookies();
  await page.goto("/sign-in");
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Welcome/ })).toBeVisible();
}

type Fixtures = { db: Database };

export const test = base.extend<object, Fixtures>({
  db: [
    async ({}, use) => {
      const handle = openPostgres(e2eDatabaseUrl(), { max: 2 });
      await use(handle.db);
      await handle.close();
    },
    { scope: "worker" },
  ],
});

export { expect };
