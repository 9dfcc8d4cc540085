import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { signInThrottles } from "@/db/schema";
import { DEMO_PASSWORD } from "@/scripts/seed/accounts";
import { hashPassword } from "@/lib/auth/password";
import { createPerson } from "@/tests/fixtures";
import { findUser } from "./support/data";
import { expect, expectAccessible, signInAs, test } from "./support/fixtures";

test("“Sign out everywhere” on the profile ends the person's session in another browser", async ({ page, pageOf, db }) => {
  const suffix = randomUUID().slice(0, 8);
  const { companyId } = await findUser(db, "dana.admin@acme.example");
  // A person of this test's own: their sessions end here, nobody else's.
  const email = `sam.sessions.${suffix}@acme.example`;
  await createPerson(db, companyId, { name: `Sam Sessions ${suffix}`, email, passwordHash: await hashPassword(DEMO_PASSWORD) });
  await signInAs(page, email);
  const phone = await pageOf({ email });
  // Positive control: the other browser is signed in.
  await phone.goto("/profile");
  await expect(phone.getByRole("heading", { level: 1, name: "Profile" })).toBeVisible();

  await page.goto("/profile");
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  const dialog = page.getByRole("dialog", { name: "Sign out everywhere?" });
  await expect(dialog).toContainText("this one included");
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByText("You are signed out everywhere: 2 sessions ended.")).toBeVisible();

  await phone.goto("/profile");
  await expect(phone).toHaveURL(/\/sign-in/);
  await expect(phone.getByLabel("Work email")).toBeVisible();
});

test("sign-in failures count against the socket's address, never one the client wrote", async ({ page, db }) => {
  const email = `xff.${randomUUID().slice(0, 8)}@acme.example`;
  const spoofed = ["203.0.113.77", "198.51.100.77"];
  await page.setExtraHTTPHeaders({ "x-forwarded-for": spoofed[0]!, "x-cohort-peer-address": spoofed[1]! });
  await page.goto("/sign-in");
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill("not the password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert", { name: "The email or password is not correct." })).toBeVisible();

  // Positive control: the failure was counted, for this account at the address the server's socket saw.
  const counted = await db
    .select({ key: signInThrottles.key })
    .from(signInThrottles)
    .where(and(eq(signInThrottles.scope, "account_address"), eq(signInThrottles.key, `${email} 127.0.0.1`)));
  expect(counted).toHaveLength(1);
  const spoofedRows = await db
    .select({ key: signInThrottles.key })
    .from(signInThrottles)
    .where(inArray(signInThrottles.key, [...spoofed, ...spoofed.map((a) => `${email} ${a}`)]));
  expect(spoofedRows).toEqual([]);
});
