import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { auditLog, groupMembers, users } from "@/db/schema";
import { DEMO_PASSWORD } from "@/scripts/seed/accounts";
import { hashPassword } from "@/lib/auth/password";
import { linkIn, mailbox } from "@/tests/mailbox";
import { createCompany, createCourse, createDepartment, createGroup, createPerson } from "@/tests/fixtures";
import { e2eMailApiUrl } from "./support/env";
import { expect, expectAccessible, signInAs, test } from "./support/fixtures";
import { expectCurrentEntry, navigateTo } from "./support/menu";

const inbox = mailbox(e2eMailApiUrl);
const NEW_PASSWORD = "first day password";

test.describe("HR forms", () => {
  // Its own company, so the new hire meets nobody else's groups or courses.
  const suffix = randomUUID().slice(0, 6);
  const hrEmail = `hana.${suffix}@hiring.example`;
  const hireEmail = `nora.${suffix}@hiring.example`;
  const wave = `Onboarding wave ${suffix}`;
  const course = `Workplace safety ${suffix}`;

  test.beforeAll(async ({ db }) => {
    const company = await createCompany(db, `Hiring ${suffix}`);
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const hr = await createPerson(db, company.id, { name: "Hana HR", email: hrEmail, roles: ["hr"], passwordHash });
    const sales = await createDepartment(db, company.id, "Sales");
    await createDepartment(db, company.id, "Support");
    const salesTeam = await createGroup(db, hr, { name: `Sales team ${suffix}` });
    await createGroup(db, hr, { name: `Support team ${suffix}` });
    await createGroup(db, hr, { name: wave });
    await createCourse(db, company.id, course);
    // Sam came into the sales team via their department: the department change offers to take them out.
    const sam = await createPerson(db, company.id, { name: `Sam Mover ${suffix}`, departmentId: sales.id });
    await db
      .insert(groupMembers)
      .values({ groupId: salesTeam.id, userId: sam.id, companyId: company.id, addedBy: hr.id, source: "department", sourceLabel: "Sales" });
  });

  test("HR enters a new hire into the onboarding wave with a course; the new hire follows the invitation and finds it all", async ({
    page,
    browser,
  }) => {
    await signInAs(page, hrEmail);
    // Straight to the HR area (the menu is not this test's subject); the menu offers it as the current page.
    await page.goto("/hr");
    await expectCurrentEntry(page, "HR");
    await expect(page.getByRole("heading", { level: 1, name: "New hire" })).toBeVisible();
    await expectAccessible(page);

    await page.getByLabel("Name", { exact: true }).fill("Nora New");
    await page.getByLabel("Work email").fill(hireEmail);
    await page.getByRole("combobox", { name: /^Department/ }).selectOption({ label: "Sales" });
    // The onboarding wave is suggested first.
    const groups = page.getByRole("group", { name: "Learning groups to join" });
    await expect(groups.getByRole("listitem").first()).toContainText(wave);
    await expect(groups.getByRole("listitem").first()).toContainText("Onboarding");
    await groups.getByRole("checkbox", { name: new RegExp(wave) }).check();
    await page.getByRole("group", { name: "Mandatory courses" }).getByRole("checkbox", { name: course }).check();
    await page.getByLabel(`Days after the first day for “${course}”`).fill("14");
    await page.getByRole("button", { name: "Create new hire" }).click();
    await expect(page.getByRole("main").getByText("Nora New is set up: invited by email, 1 group, 1 mandatory course.")).toBeVisible();

    const [mail] = await inbox.waitFor(hireEmail);
    const hire = await (await browser.newContext()).newPage();
    await hire.goto(linkIn(mail!));
    await expect(hire.getByRole("heading", { level: 1, name: "Welcome to Cohort: choose your password" })).toBeVisible();
    await hire.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
    await hire.getByLabel("Repeat the new password").fill(NEW_PASSWORD);
    await hire.getByRole("button", { name: "Save the password" }).click();
    await expect(hire.getByLabel("Work email")).toHaveValue(hireEmail);
    await hire.getByLabel("Password", { exact: true }).fill(NEW_PASSWORD);
    await hire.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(hire.getByRole("heading", { level: 1, name: "Welcome, Nora New" })).toBeVisible();

    const bell = hire.getByRole("button", { name: /^Notifications/ });
    await expect(bell).toHaveAccessibleName("Notifications, 1 unread");
    await bell.click();
    await expect(hire.getByText(`Welcome aboard! You are in the group “${wave}” and have the mandatory course “${course}”.`)).toBeVisible();

    await hire.goto("/");
    await navigateTo(hire, "My groups");
    await expect(hire.getByRole("link", { name: wave })).toBeVisible();
    await navigateTo(hire, "My assignments");
    const assigned = hire.getByRole("list", { name: "My assigned courses" }).getByRole("listitem");
    await expect(assigned).toHaveCount(1);
    await expect(assigned.first()).toContainText(course);
    await expect(assigned.first()).toContainText("Open");
    await expectAccessible(hire);
  });

  test("a double click on Create new hire creates the person once", async ({ page, db }) => {
    const twiceEmail = `tom.${suffix}@hiring.example`;
    await signInAs(page, hrEmail);
    await page.goto("/hr");
    await page.getByLabel("Name", { exact: true }).fill("Tom Twice");
    await page.getByLabel("Work email").fill(twiceEmail);
    const submissions: string[] = [];
    page.on("request", (request) => {
      if (request.headers()["next-action"] && request.postData()?.includes(twiceEmail)) submissions.push(request.url());
    });
    // The fastest double click: both clicks in one task, before the form can disable its button, so
    // both submissions reach the server, with the one operation id the form holds for this hire.
    await page.getByRole("button", { name: "Create new hire" }).evaluate((button: HTMLButtonElement) => {
      button.click();
      button.click();
    });
    await expect(page.getByRole("main").getByText("Tom Twice is set up: invited by email, no groups, no mandatory courses.")).toBeVisible();
    await expect.poll(() => submissions.length).toBe(2);
    expect(await db.$count(users, eq(users.email, twiceEmail))).toBe(1);
    // The second submission was the first one's replay, not a second hire refused for the taken
    // address (which would be audited as a refused address).
    const refused = sql`${auditLog.action} = 'person.address_refused' and ${auditLog.details}->>'email' = ${twiceEmail}`;
    expect(await db.$count(auditLog, refused)).toBe(0);
    expect(await inbox.waitFor(twiceEmail)).toHaveLength(1);
  });

  test("HR moves a person to another department and groups, then records them as a leaver", async ({ page }) => {
    const hrArea = page.getByRole("navigation", { name: "HR area" });
    await signInAs(page, hrEmail);
    await page.goto("/hr");
    await hrArea.getByRole("link", { name: "Department change" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Department change" })).toBeVisible();
    // The one person picker: suggestions with their department, nothing chosen before the arrow keys move.
    const mover = page.getByRole("combobox", { name: "Person", exact: true });
    await mover.fill(`sam mover ${suffix}`);
    await expect(page.getByRole("option", { name: new RegExp(`Sam Mover ${suffix}`) })).toContainText("Sales");
    await expect(mover).not.toHaveAttribute("aria-activedescendant");
    await mover.press("ArrowDown");
    await mover.press("Enter");
    await expect(page.getByRole("main").getByText("Department now: Sales")).toBeVisible();
    // Joined via the old department: ticked to leave.
    await expect(
      page.getByRole("group", { name: "Groups to leave" }).getByRole("checkbox", { name: new RegExp(`Sales team ${suffix}`) }),
    ).toBeChecked();
    await page.getByRole("combobox", { name: "New department" }).selectOption({ label: "Support" });
    await page
      .getByRole("group", { name: "Groups to join" })
      .getByRole("checkbox", { name: `Support team ${suffix}` })
      .check();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Change department" }).click();
    await expect(
      page.getByRole("main").getByText(`Sam Mover ${suffix} moved: joined 1 group, left 1 group; no assignment waived.`),
    ).toBeVisible();

    await hrArea.getByRole("link", { name: "Leaver" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Leaver" })).toBeVisible();
    const leaver = page.getByRole("combobox", { name: "Person who leaves" });
    await leaver.fill(`Sam Mover ${suffix}`);
    await page.getByRole("option", { name: new RegExp(`Sam Mover ${suffix}`) }).click();
    await page.getByRole("button", { name: "Record leaver" }).click();
    const dialog = page.getByRole("dialog", { name: `Deactivate Sam Mover ${suffix}?` });
    await expectAccessible(page);
    await dialog.getByRole("button", { name: "Yes, deactivate" }).click();
    await expect(page.getByRole("main").getByText(`Sam Mover ${suffix} is deactivated and left 1 group.`)).toBeVisible();
    // Gone from the picker: a leaver cannot be chosen again (the People page still finds them to reactivate).
    await leaver.fill(`Sam Mover ${suffix}`);
    await expect(page.getByRole("main").getByText(`No one active in your company matches “Sam Mover ${suffix}”.`)).toBeVisible();
  });
});
