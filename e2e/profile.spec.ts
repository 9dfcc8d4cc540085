import { DEMO_PASSWORD } from "@/scripts/seed/accounts";
import { expect, expectAccessible, signIn, test } from "./support/fixtures";
import { newPerson } from "./support/people";
import { sayIn } from "./support/say";
import { navigateTo, openMenu } from "./support/menu";

test("a learner edits their name, time zone and language and sees them applied @learner", async ({ pageOf, db }) => {
  // A person of the test's own, so no other spec sees the new name or language.
  const learner = await newPerson(db, "Pat Learner");
  const newName = `Pat Profile ${Date.now()}`;

  const page = await pageOf(learner);
  await page.goto("/");
  await navigateTo(page, "Profile");
  await expect(page.getByRole("heading", { level: 1, name: "Profile" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Password" })).toBeVisible();
  await expect(page.getByRole("main").getByText(learner.email)).toBeVisible();
  const timeZone = page.getByRole("combobox", { name: "Time zone" });
  await expect(timeZone).toHaveValue("");
  await expect(timeZone.getByRole("option", { selected: true })).toHaveText("Company default (Europe/Berlin)");
  await expectAccessible(page);

  // An empty name is refused beside the field, and nothing is saved.
  const name = page.getByRole("textbox", { name: "Name" });
  await name.fill("  ");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await expect(name).toHaveAccessibleDescription(/^Enter your name\./);
  await expect(name).toBeFocused();

  await name.fill(newName);
  // Some 420 zones: typing part of a city narrows the list to it.
  const zoneSearch = page.getByRole("searchbox", { name: "Search time zones" });
  await zoneSearch.fill("berlin");
  await expect(timeZone.getByRole("option")).toHaveText(["Company default (Europe/Berlin)", "Europe/Berlin"]);
  await zoneSearch.fill("tokyo");
  await expect(timeZone.getByRole("option")).toHaveText(["Company default (Europe/Berlin)", "Asia/Tokyo"]);
  await timeZone.selectOption("Asia/Tokyo");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your profile is saved." })).toBeVisible();
  // The page is rendered again in the new time zone: Tokyo is GMT+9 all year.
  await expect(timeZone).toHaveAccessibleDescription(/In your time zone it is now .*GMT\+9\.$/);
  await expectAccessible(page);

  await page.getByRole("combobox", { name: "Language" }).selectOption({ label: "Deutsch" });
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "de");

  // From now on the interface speaks German.
  const de = sayIn("de");
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: de("home.title", { name: newName }) })).toBeVisible();
  await page.reload();
  await navigateTo(page, de("nav.profile"), de);
  await expect(page.getByRole("textbox", { name: de("profile.form.name") })).toHaveValue(newName);
  await expect(page.getByRole("combobox", { name: de("profile.form.timeZone") })).toHaveValue("Asia/Tokyo");
  await expect(page.getByRole("combobox", { name: de("profile.form.language") })).toHaveValue("de");
});

test("a learner changes their password on the profile page and signs in with the new one", async ({ pageOf, db }) => {
  // A person of the test's own: every session of theirs ends, nobody else's.
  const learner = await newPerson(db, "Cole Changer");
  const newPassword = `new-password-${Date.now()}`;

  const page = await pageOf(learner);
  await page.goto("/");
  await navigateTo(page, "Profile");
  const current = page.getByLabel("Current password");
  await current.fill("not-my-password");
  await page.getByLabel("New password", { exact: true }).fill(newPassword);
  await page.getByLabel("Repeat the new password").fill(newPassword);
  await page.getByRole("button", { name: "Change the password" }).click();
  await expect(current).toHaveAttribute("aria-invalid", "true");
  await expect(current).toBeFocused();

  await current.fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Change the password" }).click();
  await expect(page.getByRole("status").getByText("Your password has been changed.")).toBeVisible();
  await expectAccessible(page);
  // Every session ended with the old password, but this browser carries on with a new one.
  await page.reload();
  // Scoped to the main region, for the hidden copy React may hold while the page streams in (two
  // fields by that label until it swaps in).
  await expect(page.getByRole("main").getByLabel("Current password")).toBeVisible();

  await (await openMenu(page)).getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await signIn(page, learner.email, newPassword);
});
