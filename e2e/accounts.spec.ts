import { randomUUID } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { PAIR_FAILURE_LIMIT, LOCK_MINUTES } from "@/lib/auth/throttle";
import { createDepartment } from "@/tests/fixtures";
import { linkIn, mailbox } from "@/tests/mailbox";
import { e2eMailApiUrl } from "./support/env";
import { findUser } from "./support/data";
import { expect, expectAccessible, test } from "./support/fixtures";

const inbox = mailbox(e2eMailApiUrl);
const NEW_PASSWORD = "a brand new password";
const uniqueEmail = (name: string) => `${name}.${randomUUID().slice(0, 8)}@acme.example`;

/** The mailed link, opened by its recipient in a browser of their own. */
async function openLinkAsRecipient(browser: Browser, email: string): Promise<Page> {
  const [mail] = await inbox.waitFor(email);
  const page = await (await browser.newContext()).newPage();
  await page.goto(linkIn(mail!));
  return page;
}

/** Chooses a password on the set-password page, first refusing one too short, and arrives at sign-in. */
async function choosePassword(page: Page, email: string) {
  await expect(page.getByText(`For ${email}.`)).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("New password", { exact: true }).fill("short");
  await page.getByLabel("Repeat the new password").fill("short");
  await page.getByRole("button", { name: "Save the password" }).click();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();
  await expect(page.getByLabel("New password", { exact: true })).toBeFocused();

  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("Repeat the new password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Save the password" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Your password is set. Sign in with it now.");
  await expect(page.getByLabel("Work email")).toHaveValue(email);
  await expectAccessible(page);
}

async function signInWithNewPassword(page: Page, name: string) {
  await page.getByLabel("Password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Welcome, ${name}` })).toBeVisible();
}

test.describe("accounts", () => {
  test("an admin invites a person, who follows the mailed link, chooses a password and signs in", async ({ pageOf, browser, db }) => {
    const email = uniqueEmail("nia.new");
    // A department of the test's own: no other spec reads its head count, and the seed's are not needed.
    const { companyId } = await findUser(db, "dana.admin@acme.example");
    const department = await createDepartment(db, companyId, `Invitees ${randomUUID().slice(0, 6)}`);
    const page = await pageOf("dana");
    await page.goto("/admin/people");
    await expect(page.getByRole("heading", { level: 1, name: "People" })).toBeVisible();
    await page.getByRole("button", { name: "Invite a person" }).click();
    const dialog = page.getByRole("dialog", { name: "Invite a person" });
    await dialog.getByLabel("Name", { exact: true }).fill("Nia New");
    await dialog.getByLabel("Work email").fill("dana.admin@acme.example");
    await dialog.getByRole("button", { name: "Send the invitation" }).click();
    await expect(dialog.getByText("This email cannot be used. Enter another address.")).toBeVisible();
    await expectAccessible(page);

    await dialog.getByLabel("Work email").fill(email);
    await dialog.getByRole("combobox", { name: /^Department/ }).selectOption({ label: department.name });
    await dialog.getByRole("button", { name: "Send the invitation" }).click();
    await expect(dialog.getByRole("status")).toHaveText(`Invitation sent to ${email}.`);

    const [mail] = await inbox.waitFor(email);
    expect(mail!.subject).toBe("Dana Admin invited you to Acme GmbH on Cohort");
    const invitee = await openLinkAsRecipient(browser, email);
    await expect(invitee.getByRole("heading", { level: 1, name: "Welcome to Cohort: choose your password" })).toBeVisible();
    await choosePassword(invitee, email);
    await signInWithNewPassword(invitee, "Nia New");

    // The link was spent: opened again, it says so and offers a way to a new one.
    await invitee.goto(linkIn(mail!));
    await expect(invitee.getByRole("heading", { level: 1, name: "This link cannot be used" })).toBeVisible();
    await expect(invitee.getByText(/already been used/)).toBeVisible();
    await expect(invitee.getByRole("link", { name: "Ask for a new link" })).toBeVisible();
    await expectAccessible(invitee);
  });

  test("a person who forgot their password asks for a link by email, chooses a new one and signs in", async ({ page, browser, db }) => {
    const email = uniqueEmail("fay.forgot");
    const { companyId } = await findUser(db, "dana.admin@acme.example");
    await db.insert(users).values({ companyId, name: "Fay Forgot", email, passwordHash: await hashPassword("the old password") });

    await page.goto("/sign-in");
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Forgot your password?" })).toBeVisible();
    await expectAccessible(page);
    await page.getByLabel("Work email").fill(email);
    await page.getByRole("button", { name: "Send the link" }).click();
    await expect(page.getByRole("main").getByRole("status")).toContainText(`If ${email} belongs to an active account`);

    const reset = await openLinkAsRecipient(browser, email);
    await expect(reset.getByRole("heading", { level: 1, name: "Choose a new password" })).toBeVisible();
    await choosePassword(reset, email);
    await signInWithNewPassword(reset, "Fay Forgot");
  });

  test("sign-in stops after repeated failures and says how long to wait, even for the right password", async ({ page, db }) => {
    const email = uniqueEmail("tim.throttled");
    const { companyId } = await findUser(db, "dana.admin@acme.example");
    await db.insert(users).values({ companyId, name: "Tim Throttled", email, passwordHash: await hashPassword(NEW_PASSWORD) });

    await page.goto("/sign-in");
    // Each attempt ends before the next: the form resets its password field when the answer is in.
    const attempt = async (password: string) => {
      await page.getByLabel("Work email").fill(email);
      await page.getByLabel("Password", { exact: true }).fill(password);
      const answered = page.waitForResponse((response) => response.request().method() === "POST" && response.url().includes("/sign-in"));
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await answered;
      await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");
    };
    for (let i = 1; i < PAIR_FAILURE_LIMIT; i++) {
      await attempt(`wrong guess ${i}`);
      await expect(page.getByRole("alert", { name: "The email or password is not correct." })).toBeVisible();
    }
    const throttled = `Too many attempts. Try again in ${LOCK_MINUTES} minutes.`;
    await attempt("one guess too many");
    await expect(page.getByRole("alert", { name: throttled })).toBeVisible();
    await attempt(NEW_PASSWORD);
    await expect(page.getByRole("alert", { name: throttled })).toBeVisible();
    await expect(page).toHaveURL(/\/sign-in/);
    await expectAccessible(page);
  });

  test("the People page is for admins only", async ({ pageOf }) => {
    const page = await pageOf("lena");
    await page.goto("/admin/people");
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  });
});
