import axe from "axe-core";
import { type APIRequestContext, test as base, expect, type BrowserContext, type Page } from "@playwright/test";
import { type Database, openPostgres } from "@/db/client";
import { DEMO_PASSWORD } from "@/scripts/seed/accounts";
import { e2eDatabaseUrl } from "./env";
import { type RoleName, stateOf } from "./roles";

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
type AxeWindow = { axe?: typeof axe };

/**
 * Puts axe-core into each frame of the page that lacks it. Once
 * per document: a client navigation keeps it. AxeBuilder evaluated its 1.5 MB source twice per check
 * and finished each run in a fresh blank page, about half a second of a busy machine's CPU every time.
 */
async function injectAxe(page: Page): Promise<void> {
  for (const frame of page.frames()) {
    if (await frame.evaluate(() => Boolean((window as AxeWindow).axe))) continue;
    await frame.evaluate(axe.source);
    await frame.evaluate(() => (window as AxeWindow).axe!.configure({ allowedOrigins: ["<same_origin>"] }));
  }
}

/**
 * Every page a test visits gets an accessibility check against WCAG 2 A/AA; `every rule` runs all of
 * axe's rules as it runs them by default (best practices too), none disabled: the key pages and the
 * sweep over every route (e2e/accessibility.spec.ts).
 */
export async function expectAccessible(page: Page, rules: "wcag" | "every rule" = "wcag"): Promise<void> {
  // Next streams a dynamic page's metadata after its body, so the title can arrive a moment later.
  await expect(page).toHaveTitle(/\S/);
  // A client navigation still settling (its title not yet streamed) is checked again; a violation that
  // stays fails after the timeout.
  await expect(async () => {
    await injectAxe(page);
    // Every rule of the tags runs on the whole page; only the passes and the inapplicable rules are not
    // itemised node by node (axe's `resultTypes`), which nothing here reads.
    const violations = await page.evaluate(
      async (values) =>
        (
          await (window as AxeWindow).axe!.run(document, {
            ...(values && { runOnly: { type: "tag", values } }),
            resultTypes: ["violations"],
          })
        ).violations,
      rules === "wcag" ? WCAG_TAGS : null,
    );
    const summary = violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
    expect(summary, "accessibility violations").toEqual([]);
  }).toPass({ timeout: 10_000 });
}

/**
 * Signs in through the form, as whoever was signed in before signed out. Used where the form is on the
 * way (the setup project, a new password) or the server is another one (the PGlite smoke project);
 * everywhere else a role's saved session or `signInAs` is quicker.
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

/**
 * Signs a person in through Auth.js's credentials endpoint, the one the form's action calls on the
 * server: the password is checked and throttled and a session row written, without rendering a page.
 * The session cookie lands in the request context (a browser context's `request` shares its cookies).
 */
export async function signInRequest(request: APIRequestContext, email: string): Promise<void> {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await request.post("/api/auth/callback/credentials", {
    form: { email, password: DEMO_PASSWORD, csrfToken, callbackUrl: "/" },
    maxRedirects: 0,
  });
  const { cookies } = await request.storageState();
  expect(
    cookies.map((cookie) => cookie.name),
    `${email} is signed in`,
  ).toContain("authjs.session-token");
}

const signInThroughApi = (context: BrowserContext, email: string) => signInRequest(context.request, email);

/** A seeded role (its saved session) or a person of the test's own (signed in through the API). */
type Who = RoleName | { email: string };

type TestFixtures = {
  /** A page in a browser context of its own (the project's device), signed in as `who`; closed after the test. */
  pageOf: (who: Who) => Promise<Page>;
};
type WorkerFixtures = { db: Database };

export const test = base.extend<TestFixtures, WorkerFixtures>({
  db: [
    async ({}, use) => {
      const handle = openPostgres(e2eDatabaseUrl(), { max: 2, connectAs: "owner" });
      await use(handle.db);
      await handle.close();
    },
    { scope: "worker" },
  ],
  pageOf: async ({ browser }, provide, testInfo) => {
    const contexts: BrowserContext[] = [];
    await provide(async (who) => {
      const storageState = typeof who === "string" ? stateOf(who) : undefined;
      const context = await browser.newContext({ ...testInfo.project.use, storageState });
      contexts.push(context);
      if (typeof who !== "string") await signInThroughApi(context, who.email);
      return context.newPage();
    });
    await Promise.all(contexts.map((context) => context.close()));
  },
});

/** Signs `page` in as a person of the test's own, through the API; the page stays where it is. */
export const signInAs = (page: Page, email: string) => signInThroughApi(page.context(), email);

export { expect, stateOf };
