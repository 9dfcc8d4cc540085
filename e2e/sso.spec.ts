import type { Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { signInAddresses, userIdentities, users, userSessions } from "@/db/schema";
import { e2eOidc, e2eOidcAccounts } from "./support/env";
import { expect, expectAccessible, test } from "./support/fixtures";

const ssoButton = (page: Page) => page.getByRole("button", { name: `Sign in with ${e2eOidc.displayName}` });

/** The local provider's development pages: any password, then the consent to share the email. */
async function signInAtProvider(page: Page, login: string): Promise<void> {
  await expect(page).toHaveURL((url) => url.href.startsWith(e2eOidc.issuer));
  await page.getByPlaceholder("Enter any login").fill(login);
  await page.getByPlaceholder("and password").fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

test.describe("single sign-on", () => {
  test("a person signs in through the company's identity provider and is linked to it", async ({ page, db }) => {
    const gary = e2eOidcAccounts.gary;
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in/);
    await expectAccessible(page);

    await ssoButton(page).click();
    await signInAtProvider(page, gary.login);

    await expect(page.getByRole("heading", { level: 1, name: "Welcome, Gary Learner" })).toBeVisible();
    await expectAccessible(page);
    const [person] = await db.select({ id: users.id }).from(users).where(eq(users.email, gary.email));
    const links = await db.select().from(userIdentities).where(eq(userIdentities.subject, gary.login));
    expect(links.map((link) => ({ issuer: link.issuer, userId: link.userId }))).toEqual([{ issuer: e2eOidc.issuer, userId: person!.id }]);
    // Like a password sign-in, it wrote a session row and made the address known for the person.
    expect(await db.$count(userSessions, eq(userSessions.userId, person!.id))).toBeGreaterThanOrEqual(1);
    const known = await db.select({ address: signInAddresses.address }).from(signInAddresses).where(eq(signInAddresses.userId, person!.id));
    expect(known).toEqual([{ address: "127.0.0.1" }]);

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("an identity that maps to nobody, or to an unverified email, is refused and not signed in", async ({ page, db }) => {
    const refusals = [
      [
        e2eOidcAccounts.stranger,
        "There is no Cohort account for this email in your company. Ask your admin to add you: single sign-on does not create accounts.",
      ],
      [
        e2eOidcAccounts.unverified,
        "Your sign-in provider has not confirmed your email address, so Cohort cannot tell who you are. Ask your IT team to verify it, or sign in with your password.",
      ],
    ] as const;
    for (const [account, message] of refusals) {
      // A fresh session at the provider too, so it asks who is signing in.
      await page.context().clearCookies();
      await page.goto("/sign-in");
      await ssoButton(page).click();
      await signInAtProvider(page, account.login);

      await expect(page.getByRole("alert", { name: message })).toBeVisible();
      await expect(page).toHaveURL(/\/sign-in\?error=sso_/);
      await expectAccessible(page);
      await page.goto("/");
      await expect(page).toHaveURL(/\/sign-in/);
    }
    expect(await db.select({ id: users.id }).from(users).where(eq(users.email, e2eOidcAccounts.stranger.email))).toEqual([]);
    expect(await db.select().from(userIdentities).where(eq(userIdentities.subject, e2eOidcAccounts.unverified.login))).toEqual([]);
  });
});
