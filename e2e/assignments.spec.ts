import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { DEMO_PASSWORD } from "@/db/seed/accounts";
import { hashPassword } from "@/lib/auth/password";
import { realtimeEvents, userChannel } from "@/lib/realtime/channels";
import { publish } from "@/lib/realtime/server";
import { dueAtFor, insertAssignment } from "@/tests/assignments";
import { createCompany, createCourse, createGroup, createPerson, type TestPerson } from "@/tests/fixtures";
import { expect, expectAccessible, signIn, test } from "./support/fixtures";

const DAY = 86_400_000;
const menu = (page: Page) => page.getByRole("navigation", { name: "Main menu" });

test.describe("mandatory assignments", () => {
  // Its own company, so the overview holds exactly this test's assignments.
  const suffix = randomUUID().slice(0, 6);
  const emails = { admin: `dana.${suffix}@assignly.example`, learner: `lena.${suffix}@assignly.example` };
  let learner: TestPerson;
  let fireId = "";
  let waveId = "";

  test.beforeAll(async ({ db }) => {
    const company = await createCompany(db, `Assignly ${suffix}`);
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const admin = await createPerson(db, company.id, { name: "Dana Admin", email: emails.admin, roles: ["admin"], passwordHash });
    learner = await createPerson(db, company.id, { name: "Lena Learner", email: emails.learner, passwordHash });
    const bo = await createPerson(db, company.id, { name: "Bo Learner" });
    const [security, privacy, fire] = await Promise.all(["Security", "Privacy", "Fire safety"].map((title) => createCourse(db, company.id, title)));
    fireId = fire!.id;
    // No linked course: its Statistics tab exists for its assignments alone.
    const wave = await createGroup(db, admin, { name: "Wave A", members: [learner, bo] });
    waveId = wave.id;
    // Deadlines as the app writes them: a day that ends at midnight in the learner's zone.
    const due = async (person: TestPerson, days: number) => {
      const dueOn = new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
      return { dueOn, dueAt: await dueAtFor(db, person, dueOn) };
    };
    await insertAssignment(db, learner, security!.id, { ...(await due(learner, -2)), groupId: wave.id });
    await insertAssignment(db, learner, privacy!.id, await due(learner, 5));
    await insertAssignment(db, bo, security!.id, { ...(await due(bo, 3)), groupId: wave.id, status: "done" });
  });

  test("a learner sees their assignments, the overdue one standing out, and a new one live @learner", async ({ page, db }) => {
    await signIn(page, emails.learner);
    await expect(page.getByRole("region", { name: "My assignments" })).toContainText("1 overdue");
    await menu(page).getByRole("link", { name: "My assignments" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "My assignments" })).toBeVisible();
    const list = page.getByRole("list", { name: "My assigned courses" });
    const items = list.getByRole("listitem");
    await expect(items).toHaveCount(2);
    await expect(items.nth(0)).toContainText("Security");
    await expect(items.nth(0)).toContainText("Overdue");
    // The deadline's last minute, in the learner's zone.
    await expect(items.nth(0)).toContainText(/Due 23:59, \w{3} \d{1,2}, \d{4}/);
    await expect(items.nth(0).getByRole("link", { name: "Wave A" })).toBeVisible();
    await expect(items.nth(1)).toContainText("Privacy");
    await expect(items.nth(1)).toContainText("Open");
    await expectAccessible(page);

    await insertAssignment(db, learner, fireId, { dueAt: new Date(Date.now() + 10 * DAY) });
    await publish([{ channels: [userChannel(learner.id)], event: realtimeEvents.assignmentChanged, data: {} }]);
    await expect(items).toHaveCount(3);
    await expect(items.nth(2)).toContainText("Fire safety");
  });

  test("an admin reads the overview by course and by group, filters it, drills down and downloads the CSV", async ({ page }) => {
    await signIn(page, emails.admin);
    await menu(page).getByRole("link", { name: "Mandatory assignments" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Mandatory assignments" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Bulk assignment" })).toHaveAttribute("href", "/admin/assignments/new");
    const table = page.getByRole("table", { name: /Mandatory assignments by course/ });
    // The learner's test may add a course live in this company: only the fixture's rows are checked.
    await expect(table.getByRole("rowheader", { name: "Privacy" })).toBeVisible();
    await expect(table.getByRole("row", { name: /Security/ }).getByRole("cell")).toHaveText(["2", "1", "1", /1 overdue/]);
    await expect(table.getByRole("row", { name: /Privacy/ }).getByRole("cell")).toHaveText(["1", "0", "1", "0"]);
    await expectAccessible(page);

    await page.getByRole("combobox", { name: "Status" }).selectOption({ label: "With overdue assignments" });
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(table.getByRole("rowheader")).toHaveText(["Security"]);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^assignments-by-course-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = (await readFile(await download.path(), "utf8")).replace(/^\uFEFF/, "");
    expect(csv.split("\r\n")).toEqual(["Course,Assigned,Done,Open (overdue included),Overdue", "Security,2,1,1,1", ""]);

    await page.getByRole("link", { name: "By group" }).click();
    const groups = page.getByRole("table", { name: /Mandatory assignments by learning group/ });
    await expect(groups.getByRole("row", { name: /Wave A/ }).getByRole("cell")).toHaveText(["2", "1", "1", /1 overdue/]);
    await groups.getByRole("link", { name: "People of Wave A" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Group: Wave A" })).toBeVisible();
    const people = page.getByRole("table", { name: "Assigned people" });
    await expect(people.getByRole("rowheader")).toHaveText([/Lena Learner/, /Bo Learner/]);
    await expect(people.getByRole("row", { name: /Lena Learner/ })).toContainText("Overdue");
    await expectAccessible(page);

    await page.goto(`/groups/${waveId}`);
    await page.getByRole("link", { name: "Statistics" }).click();
    const figures = page.getByRole("region", { name: "Mandatory assignments" });
    await expect(figures.getByRole("definition")).toHaveText(["2", "1", "1", "1"]);
    await expectAccessible(page);
  });
});
