import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { DEMO_PASSWORD } from "@/scripts/seed/accounts";
import { hashPassword } from "@/lib/auth/password";
import { archiveGroup } from "@/lib/groups/operations/archive-group";
import { completeLesson } from "@/lib/learning/operations/complete-lesson";
import { createCompany, createCourse, createGroup, createLessons, createPerson } from "@/tests/fixtures";
import { expect, expectAccessible, signInAs, test } from "./support/fixtures";
import { expectCurrentEntry, mainMenu } from "./support/menu";

const reportTable = (page: Page) => page.getByRole("table", { name: "Learning groups with their members' progress" });

/** Straight to the reports (the menu is not these tests' subject); the menu offers them as the current page. */
async function openReports(page: Page) {
  await page.goto("/admin/reports");
  await expectCurrentEntry(page, "Reports");
  await expect(page.getByRole("heading", { level: 1, name: "Reports" })).toBeVisible();
}

test.describe("reports", () => {
  // Its own company, so the report holds exactly this test's groups, whatever other specs create.
  const suffix = randomUUID().slice(0, 6);
  const emails = {
    admin: `dana.${suffix}@reportly.example`,
    hr: `hana.${suffix}@reportly.example`,
    learner: `lena.${suffix}@reportly.example`,
  };
  const course = `Security ${suffix}`;
  let waveId = "";

  test.beforeAll(async ({ db }) => {
    const company = await createCompany(db, `Reportly ${suffix}`);
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const admin = await createPerson(db, company.id, { name: "Dana Admin", email: emails.admin, roles: ["admin"], passwordHash });
    await createPerson(db, company.id, { name: "Hana HR", email: emails.hr, roles: ["hr"], passwordHash });
    await createPerson(db, company.id, { name: "Lena Learner", email: emails.learner, passwordHash });
    const [ava, bo, cy] = await Promise.all(["Ava", "Bo", "Cy"].map((name) => createPerson(db, company.id, { name })));
    const security = await createCourse(db, company.id, course);
    const other = await createCourse(db, company.id, `Other ${suffix}`);
    const lessons = await createLessons(db, security, [null, null, null, null]);
    for (const [person, count] of [
      [ava!, 4],
      [bo!, 1],
    ] as const) {
      for (const lesson of lessons.slice(0, count)) await completeLesson(db, person, { lessonId: lesson.id, operationId: randomUUID() });
    }
    waveId = (await createGroup(db, admin, { name: "Wave A", courseId: security.id, members: [ava!, bo!, cy!] })).id;
    const archived = await createGroup(db, admin, { name: "Archived wave", courseId: security.id, members: [ava!, cy!] });
    await archiveGroup(db, admin, { groupId: archived.id, operationId: randomUUID() });
    await createGroup(db, admin, { name: "Chat only", visibility: "public", members: [bo!] });
    await createGroup(db, admin, { name: "=SUM(1)", courseId: other.id });
  });

  test("an admin filters the report by course and status, opens a group's statistics link and downloads the CSV", async ({ page }) => {
    await signInAs(page, emails.admin);
    await openReports(page);
    const table = reportTable(page);
    await expect(table.getByRole("row")).toHaveCount(5);
    await expectAccessible(page);

    await page.getByRole("combobox", { name: "Linked course" }).selectOption({ label: course });
    await page.getByRole("combobox", { name: "Status" }).selectOption({ label: "Active" });
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(table.getByRole("row")).toHaveCount(2);
    const wave = table.getByRole("row", { name: /Wave A/ });
    await expect(wave.getByRole("cell")).toHaveText([course, "Active", "Private", "Dana Admin", "3", "41.7%", "1", "1", "1", "0"]);
    await expect(wave.getByRole("link", { name: "Wave A" })).toHaveAttribute("href", `/groups/${waveId}/statistics`);
    await expectAccessible(page);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^reports-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = (await readFile(await download.path(), "utf8")).replace(/^\uFEFF/, "");
    expect(csv.split("\r\n")).toEqual([
      "Group,Linked course,Status,Visibility,Owner,Members,Average progress (%),Done,In progress,Not started yet,Overdue assignments",
      `Wave A,${course},Active,Private,Dana Admin,3,41.7,1,1,1,0`,
      "",
    ]);

    await page.getByRole("combobox", { name: "Status" }).selectOption({ label: "Archived" });
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(table.getByRole("row")).toHaveCount(2);
    await expect(table.getByRole("row", { name: /Archived wave/ }).getByRole("cell")).toHaveText([
      course,
      "Archived",
      "Private",
      "Dana Admin",
      "2",
      "50%",
      "1",
      "0",
      "1",
      "0",
    ]);

    // All courses, all statuses, sorted by members: a group without a course shows no figures.
    await page.getByRole("link", { name: "Clear filters" }).click();
    // The sort link is on both pages: wait for the cleared one, or the click may sort the filtered list.
    await expect(table.getByRole("row")).toHaveCount(5);
    await page.getByRole("link", { name: "Members, sort ascending" }).click();
    await expect(table.getByRole("columnheader", { name: /Members/ })).toHaveAttribute("aria-sort", "ascending");
    await expect(table.getByRole("rowheader")).toHaveText(["=SUM(1)", "Chat only", "Archived wave", "Wave A"]);
    await expect(
      table
        .getByRole("row", { name: /Chat only/ })
        .getByRole("cell")
        .nth(5),
    ).toContainText("No linked course");
    await expectAccessible(page);
  });

  test("HR staff read the report, without links into groups they may not open", async ({ page }) => {
    await signInAs(page, emails.hr);
    await openReports(page);
    const table = reportTable(page);
    await expect(table.getByRole("row")).toHaveCount(5);
    await expect(table.getByRole("rowheader", { name: "Wave A" })).toBeVisible();
    await expect(table.getByRole("rowheader").getByRole("link")).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Download CSV" })).toBeVisible();
    await expectAccessible(page);
  });

  test("a learner finds neither Reports nor its CSV", async ({ page }) => {
    await signInAs(page, emails.learner);
    await page.goto("/");
    await expect((await mainMenu(page)).getByRole("link", { name: "Reports" })).toHaveCount(0);
    await page.goto("/admin/reports");
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    expect((await page.request.get("/admin/reports/csv")).status()).toBe(404);
  });
});
