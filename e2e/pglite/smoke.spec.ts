import { smokeBaseUrl } from "../support/env";
import { expect, expectAccessible, signIn, test } from "../support/fixtures";
import { untilAnswers } from "../support/web-server";

// The standalone server on embedded PGlite, seeded before it started. These specs read what was
// seeded and write only through the app: PGlite serves one process, and that is the server.

// Started beside the other projects' specs (e2e/support/servers.ts): it may still be on its way.
test.beforeAll(async () => {
  test.setTimeout(150_000);
  await untilAnswers(smokeBaseUrl, 120_000);
});

test("the standalone server on PGlite reports itself healthy", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: "ok", database: "ok", realtime: "ok" });
});

test("a learner sees her groups and notifications, marks them read and opens a group", async ({ page }) => {
  await page.goto("/sign-in");
  await expectAccessible(page);
  await signIn(page, "lena.learner@acme.example");

  const groups = page.getByRole("region", { name: "My learning groups" });
  for (const group of ["Onboarding Q1 2026", "Data & AI Circle", "Sales Refresher 2026"]) {
    await expect(groups.getByRole("heading", { name: group })).toBeVisible();
  }
  await expectAccessible(page);

  // Seeded: one unread notification and one she has read.
  const bell = page.getByRole("button", { name: /^Notifications/ });
  await expect(bell).toHaveAccessibleName("Notifications, 1 unread");
  await bell.click();
  const panel = page.getByRole("region", { name: "Notifications" });
  await expect(panel.getByText("Dana Admin added you to the group “Onboarding Q1 2026”.")).toBeVisible();
  await expect(panel.getByText("Dana Admin added you to the group “Sales Refresher 2026”.")).toBeVisible();
  await expectAccessible(page);

  // The bell shows the marks at once; the reload below must wait for the action that stores them.
  const stored = page.waitForResponse(
    (response) => response.request().method() === "POST" && "next-action" in response.request().headers(),
  );
  await panel.getByRole("button", { name: "Mark all as read" }).click();
  await expect(bell).toHaveAccessibleName("Notifications");
  expect((await stored).ok()).toBe(true);
  // Stored, not only shown: a fresh page load agrees.
  await page.reload();
  await expect(page.getByRole("button", { name: /^Notifications/ })).toHaveAccessibleName("Notifications");

  await page
    .getByRole("region", { name: "My learning groups" })
    .getByRole("link", { name: /Onboarding Q1 2026/ })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Onboarding Q1 2026" })).toBeVisible();
  // A member of a group with a course lands on its activity feed.
  const sections = page.getByRole("navigation", { name: "Group sections" });
  await expect(sections.getByRole("link", { name: "Activity" })).toHaveAttribute("aria-current", "page");
  await expectAccessible(page);
  await sections.getByRole("link", { name: "Members" }).click();
  await expect(page.getByRole("rowheader", { name: "Lena Learner" })).toBeVisible();
  await expectAccessible(page);
});
