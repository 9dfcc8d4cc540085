import { expect, expectAccessible, test } from "./support/fixtures";
import { openMenu } from "./support/menu";

test.describe("sign-in @learner", () => {
  test("a demo admin signs in, sees the home page and signs out", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in/);
    await expectAccessible(page);

    await page.getByLabel("Work email").fill("dana.admin@acme.example");
    await page.getByLabel("Password", { exact: true }).fill("cohort-demo");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();

    await expect(page.getByRole("heading", { level: 1, name: "Welcome, Dana Admin" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "My learning groups" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "My courses" })).toBeVisible();
    await expectAccessible(page);

    await (await openMenu(page)).getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("a wrong password and an unknown email get the same message", async ({ page }) => {
    await page.goto("/sign-in");
    for (const [email, password] of [
      ["dana.admin@acme.example", "wrong-password"],
      ["nobody@acme.example", "cohort-demo"],
    ]) {
      await page.getByLabel("Work email").fill(email!);
      await page.getByLabel("Password", { exact: true }).fill(password!);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await expect(page.getByRole("alert", { name: "The email or password is not correct." })).toBeVisible();
      await expect(page).toHaveURL(/\/sign-in/);
    }
    await expectAccessible(page);
  });
});
