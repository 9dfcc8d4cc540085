import { randomUUID } from "node:crypto";
import { importJobs } from "@/db/schema";
import { DEMO_PASSWORD } from "@/scripts/seed/accounts";
import { hashPassword } from "@/lib/auth/password";
import { createCompany, createDepartment, createGroup, createPerson } from "@/tests/fixtures";
import { expect, expectAccessible, signInAs, test } from "./support/fixtures";
import { expectCurrentEntry, navigateTo } from "./support/menu";

test.describe("HR import", () => {
  // Its own company, so the people it creates meet nobody else's.
  const suffix = randomUUID().slice(0, 6);
  const hrEmail = `hana.${suffix}@importly.example`;
  const wave = `Onboarding ${suffix}`;
  // The size: staging 50 chunks takes long enough for the page's poll to show the count moving.
  const rows = 50_000;
  let companyId: string;

  test.beforeAll(async ({ db }) => {
    const company = await createCompany(db, `Importly ${suffix}`);
    companyId = company.id;
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const hr = await createPerson(db, company.id, { name: "Hana HR", email: hrEmail, roles: ["hr"], passwordHash });
    await createDepartment(db, company.id, "Sales");
    await createGroup(db, hr, { name: wave, visibility: "public" });
  });

  test("HR uploads a CSV, watches the progress move, confirms, and the people appear", async ({ page }) => {
    test.setTimeout(180_000);
    const lines = Array.from({ length: rows }, (_, i) => `person.${i}.${suffix}@importly.example,Imported Person ${i},Sales,,${wave}`);
    const csv = ["email,name,department,manager_email,groups", ...lines].join("\r\n");

    await signInAs(page, hrEmail);
    // Straight to the page (the menus are not this test's subject); they offer it as the current one.
    await page.goto("/hr/import");
    await expectCurrentEntry(page, "HR");
    await expect(page.getByRole("navigation", { name: "HR area" }).getByRole("link", { name: "Import people" })).toHaveAttribute(
      "aria-current",
      "page",
    );
    await expect(page.getByRole("heading", { level: 1, name: "Import people" })).toBeVisible();
    await expectAccessible(page);

    await page.getByLabel("CSV file").setInputFiles({ name: "people.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByRole("button", { name: "Check file" }).click();

    // The staged count is read while it moves, until the preview replaces it.
    const progress = page.getByTestId("import-progress");
    const summary = page.getByTestId("import-summary");
    await expect(progress).toBeVisible();
    const seen = new Set<string>();
    const deadline = Date.now() + 120_000;
    while (!(await summary.isVisible()) && Date.now() < deadline) {
      for (const text of await progress.allTextContents()) seen.add(text);
      await page.waitForTimeout(100);
    }
    expect(seen.size).toBeGreaterThan(1);
    expect([...seen].some((text) => /^[1-9][\d,]* of 50,000 rows$/.test(text) && text !== "50,000 of 50,000 rows")).toBe(true);

    await expect(summary).toContainText("50,000 new people to create");
    await expect(summary).toContainText("50,000 group memberships to add");
    await expect(summary).toContainText("50,000 invitations will be sent");
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Yes, import" }).click();
    await expect(page.getByRole("heading", { name: "people.csv: Imported" })).toBeVisible({ timeout: 90_000 });
    // Done, so said as done: no "will be sent" after the fact.
    await expect(summary).toContainText("50,000 new people created");
    await expect(summary).toContainText("50,000 invitations sent");
    await expect(summary).not.toContainText("will");

    await navigateTo(page, "People");
    await page.getByRole("searchbox", { name: "Search people by name or email" }).fill("Imported Person 49999");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(
      page.getByRole("table", { name: "People of your company" }).getByRole("link", { name: "Imported Person 49999" }),
    ).toBeVisible();
  });

  test("HR sees each problem of a file with its row, column and the value written there", async ({ page }) => {
    const long = `Team ${"x".repeat(80)}`;
    const csv = [
      "email,name,department,manager_email,groups",
      `ok.${suffix}@importly.example,Ok,${long},,No such wave`,
      "not-an-email,Bad,,,",
    ];
    await signInAs(page, hrEmail);
    await page.goto("/hr/import");
    await page.getByLabel("CSV file").setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from(csv.join("\n")) });
    await page.getByRole("button", { name: "Check file" }).click();
    const problems = page.getByRole("table", { name: "Problems in the file" });
    await expect(problems.getByRole("row", { name: /^2 department/ })).toHaveText(
      `2department${long.slice(0, 60)}…No department with this name was found.`,
    );
    await expect(problems.getByRole("row", { name: /^2 groups/ })).toHaveText(
      "2groupsNo such waveA group was not found among your company’s active groups.",
    );
    await expect(problems.getByRole("row", { name: /^3 email/ })).toHaveText("3emailnot-an-emailThis is not a valid email address.");
  });

  test("a job a restart cut off reads as stalled, in the recent imports and while the page watches it", async ({ page, db }) => {
    // Left staging ten minutes ago by a server that restarted; the scheduler has not settled it yet.
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000);
    await db.insert(importJobs).values({
      companyId,
      fileName: "cut-off.csv",
      fileHash: "x",
      status: "staging",
      totalRows: 10,
      createdAt: tenMinutesAgo,
      updatedAt: tenMinutesAgo,
    });
    await signInAs(page, hrEmail);
    await page.goto("/hr/import");
    const history = page.getByRole("table", { name: "Recent imports" });
    await expect(history.getByRole("row", { name: /cut-off\.csv/ })).toContainText("Stopped: no progress");

    // The job the page watches stalls: the page says so and offers another upload.
    const stalled = {
      id: randomUUID(),
      fileName: "people.csv",
      status: "staging",
      totalRows: 10,
      stagedRows: 0,
      problems: [],
      problemCount: 0,
      createdAt: tenMinutesAgo.toISOString(),
      finishedAt: null,
      summary: null,
      error: null,
      sameFileImportedAt: null,
      stalled: true,
    };
    await page.route("**/api/hr/imports**", (route) => route.fulfill({ status: 202, json: { job: stalled } }));
    await page.getByLabel("CSV file").setInputFiles({ name: "people.csv", mimeType: "text/csv", buffer: Buffer.from("email,name\n") });
    await page.getByRole("button", { name: "Check file" }).click();
    await expect(page.getByRole("heading", { name: "people.csv: Stopped: no progress" })).toBeVisible();
    await expect(page.getByRole("alert").filter({ hasText: "made no progress for over 2 minutes" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Import another file" })).toBeVisible();
    await expectAccessible(page);
  });
});
