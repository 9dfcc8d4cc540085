import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createFormatter } from "next-intl";
import type { Role } from "@/db/schema";
import { DEMO_PASSWORD } from "@/scripts/seed/accounts";
import { hashPassword } from "@/lib/auth/password";
import { assignmentChanged } from "@/lib/assignments/events";
import { calendarDay, formats } from "@/lib/i18n/formats";
import { publish } from "@/lib/realtime/server";
import { dueAtFor, insertAssignment } from "@/tests/assignments";
import { createCompany, createCourse, createGroup, createPerson, type TestPerson } from "@/tests/fixtures";
import { mailbox } from "@/tests/mailbox";
import { e2eMailApiUrl } from "./support/env";
import { expect, expectAccessible, signInAs, test } from "./support/fixtures";
import { demoPasswordHash } from "./support/people";
import { LANGUAGES, sayIn } from "./support/say";
import { expectCurrentEntry, navigateTo } from "./support/menu";

const DAY = 86_400_000;
/** A name that contains `text` as it is written (a regular expression's characters escaped). */
const literally = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));

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
    const [security, privacy, fire] = await Promise.all(
      ["Security", "Privacy", "Fire safety"].map((title) => createCourse(db, company.id, title)),
    );
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
    await signInAs(page, emails.learner);
    await page.goto("/");
    await expect(page.getByRole("region", { name: "My assignments" })).toContainText("1 overdue");
    await navigateTo(page, "My assignments");
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
    await publish(assignmentChanged([learner.id]));
    await expect(items).toHaveCount(3);
    await expect(items.nth(2)).toContainText("Fire safety");
  });

  test("an admin reads the overview by course and by group, filters it, drills down and downloads the CSV", async ({ page }) => {
    await signInAs(page, emails.admin);
    // Straight to the overview (the menu is not this test's subject); the menu offers it as the current page.
    await page.goto("/admin/assignments");
    await expectCurrentEntry(page, "Mandatory assignments");
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

test.describe("assigning mandatory courses", () => {
  const suffix = randomUUID().slice(0, 6);
  const emails = { admin: `ada.${suffix}@assignwiz.example`, direct: `dirk.${suffix}@assignwiz.example` };
  const inbox = mailbox(e2eMailApiUrl);
  let directId = "";

  test.beforeAll(async ({ db }) => {
    const company = await createCompany(db, `Assignwiz ${suffix}`);
    const passwordHash = await demoPasswordHash();
    await createPerson(db, company.id, { name: "Ada Admin", email: emails.admin, roles: ["admin"], passwordHash });
    directId = (await createPerson(db, company.id, { name: "Dirk Direct", email: emails.direct, passwordHash })).id;
    await createCourse(db, company.id, "First aid");
  });

  for (const language of LANGUAGES) {
    test(`an admin assigns a course to a learning group; its member sees it live and by mail, and a later member gets it too [${language}]`, async ({
      db,
      pageOf,
    }) => {
      const t = sayIn(language);
      const format = createFormatter({ locale: language, formats, timeZone: "Europe/Berlin" });
      // A company of this run's own, its people speaking the run's language: the wizard lists exactly
      // this run's course and group.
      const run = `${suffix}.${language}`;
      const company = await createCompany(db, `Assignwiz ${run}`);
      const passwordHash = await demoPasswordHash();
      const person = async (name: string, roles: Role[] = []) => {
        const email = `${name.split(" ")[0]!.toLowerCase()}.${run}@assignwiz.example`;
        return { ...(await createPerson(db, company.id, { name, email, roles, passwordHash, locale: language })), name };
      };
      const [admin, learner, joiner] = await Promise.all([person("Ada Admin", ["admin"]), person("Lou Learner"), person("Jo Joiner")]);
      await createCourse(db, company.id, "Data protection");
      const groupId = (await createGroup(db, admin, { name: "Onboarding wave", members: [learner] })).id;

      // The learner, in a second browser, already on My assignments.
      const learnerPage = await pageOf({ email: learner.email });
      await learnerPage.goto("/assignments");
      await expect(learnerPage.getByRole("main").getByText(t("assignments.empty.none"))).toBeVisible();
      const bell = learnerPage.getByRole("button", { name: new RegExp(`^${t("notifications.bell")}`) });
      await expect(bell).toHaveAccessibleName(t("notifications.bell"));

      const page = await pageOf({ email: admin.email });
      await page.goto("/admin/assignments");
      await page.getByRole("link", { name: t("assignmentAdmin.bulk") }).click();
      await expect(page.getByRole("heading", { level: 1, name: t("assignmentWizard.title") })).toBeVisible();
      await expectAccessible(page);

      // Step 1: a course, found by searching; Next without one says so beside the list.
      const next = page.getByRole("button", { name: t("assignmentWizard.next") });
      await next.click();
      await expect(page.getByRole("main").getByText(t("validation.chooseCourse"))).toBeVisible();
      await page.getByRole("searchbox", { name: t("courseSelect.search") }).fill("protect");
      await page.getByRole("combobox", { name: t("assignmentWizard.course.label") }).selectOption({ label: "Data protection" });
      await next.click();

      // Step 2: by learning group, keeping the assignment for people who join later.
      await expect(page.getByRole("heading", { level: 2, name: t("assignmentWizard.steps.people") })).toBeFocused();
      await page.getByRole("tab", { name: t("assignmentWizard.people.group") }).click();
      await page.getByRole("searchbox", { name: t("groupSelect.search") }).fill("onboarding");
      await page
        .getByRole("combobox", { name: t("assignmentWizard.people.groupLabel") })
        .selectOption({ label: t("groupSelect.option", { name: "Onboarding wave", count: 1 }) });
      await expect(page.getByRole("checkbox", { name: literally(t("assignmentWizard.people.keepApplying")) })).toBeChecked();
      await expectAccessible(page);
      await next.click();

      // Step 3: a date three weeks ahead; the default reminders stay.
      await expect(page.getByRole("heading", { level: 2, name: t("assignmentWizard.steps.deadline") })).toBeFocused();
      const dueOn = new Date(Date.now() + 21 * DAY).toISOString().slice(0, 10);
      await page.getByLabel(t("assignmentTerms.date"), { exact: true }).fill(dueOn);
      await expect(page.getByRole("listitem").filter({ hasText: t("assignmentTerms.before", { count: 7 }) })).toBeVisible();
      await expectAccessible(page);
      await next.click();

      // Step 4: the numbers, then Confirm.
      await expect(page.getByRole("heading", { level: 2, name: t("assignmentWizard.steps.preview") })).toBeFocused();
      await expect(page.getByRole("main").getByText(t("assignmentWizard.preview.toAssign", { count: 1 }))).toBeVisible();
      // The deadline as the reader's language writes a date ("December 28, 2026"), never as the ISO day.
      await expect(page.getByRole("main").getByText(format.dateTime(calendarDay(dueOn), "dayLong"), { exact: false })).toBeVisible();
      await expect(page.getByRole("main")).not.toContainText(dueOn);
      await expectAccessible(page);
      await page.getByRole("button", { name: t("assignmentWizard.confirm") }).click();
      await expect(page.getByRole("heading", { level: 2, name: t("assignmentWizard.done.title") })).toBeFocused();
      await expect(page.getByRole("main").getByText(t("assignmentWizard.done.assigned", { count: 1 }))).toBeVisible();
      await expect(page.getByRole("link", { name: t("assignmentWizard.done.overview") })).toBeVisible();

      // The learner: the assignment and its notification arrive without a reload; the mail in MailDev,
      // in the learner's language.
      const items = learnerPage.getByRole("list", { name: t("assignments.listLabel") }).getByRole("listitem");
      await expect(items).toHaveCount(1);
      await expect(items.first()).toContainText("Data protection");
      await expect(bell).toHaveAccessibleName(t("notifications.bellUnread", { count: 1 }));
      await bell.click();
      await expect(learnerPage.getByRole("region", { name: t("notifications.title") })).toContainText(
        t("notifications.types.assignment.assigned", {
          actorName: admin.name,
          courseTitle: "Data protection",
          dueOn: format.dateTime(calendarDay(dueOn), "day"),
        }),
      );
      const [mail] = await inbox.waitFor(learner.email);
      const mailValues = { name: learner.name, actor: admin.name, course: "Data protection", company: company.name };
      expect(mail!.subject).toBe(t("mail.assignment.assigned.subject", mailValues));
      for (const line of [
        t("mail.assignment.greeting", mailValues),
        t("mail.assignment.assigned.body", mailValues),
        `${t("mail.assignment.action")}: `,
        t("mail.assignment.deadline", { dueOn: calendarDay(dueOn) }),
        t("mail.footer", mailValues),
      ])
        expect(mail!.text).toContain(line);
      await learnerPage.context().close();

      // The group lists its rule; a person added afterwards is assigned too, and mailed.
      await page.goto(`/groups/${groupId}?tab=members`);
      const rules = page.getByRole("table", { name: t("groupRules.caption") });
      await expect(rules.getByRole("row", { name: /Data protection/ })).toContainText(t("groupRules.keep"));
      await expectAccessible(page);
      await page.getByRole("button", { name: t("members.addButton") }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByRole("combobox", { name: t("members.add.people.label") }).fill("Jo Joi");
      await dialog.getByRole("option", { name: /Jo Joiner/ }).click();
      await dialog.getByRole("button", { name: t("members.add.confirmCount", { count: 1 }) }).click();
      await expect(dialog).toBeHidden();
      const [joinerMail] = await inbox.waitFor(joiner.email);
      expect(joinerMail!.subject).toBe(t("mail.assignment.assigned.subject", { course: "Data protection" }));
      await page.goto(`/admin/people/${joiner.id}`);
      const assigned = page.getByRole("table", { name: t("people.assignments.caption") });
      await expect(assigned.getByRole("row", { name: /Data protection/ })).toContainText("Onboarding wave");

      // Ending the rule asks first; people who join from then on are not assigned.
      await page.goto(`/groups/${groupId}?tab=members`);
      await rules.getByRole("button", { name: t("groupRules.end") }).click();
      await page
        .getByRole("dialog")
        .getByRole("button", { name: t("groupRules.end") })
        .click();
      await expect(page.getByRole("status").getByText(t("groupRules.ended", { course: "Data protection" }))).toBeVisible();
      await expect(rules).toHaveCount(0);
      await expect(page.getByRole("main").getByText(t("groupRules.none"))).toBeVisible();
    });
  }

  test("an admin assigns a course directly on a person's page", async ({ page }) => {
    await signInAs(page, emails.admin);
    await page.goto(`/admin/people/${directId}`);
    const section = page.getByRole("table", { name: "Courses assigned to this person" });
    await expect(page.getByRole("main").getByText("No course is assigned to this person.")).toBeVisible();
    await page.getByRole("button", { name: "Assign a course" }).click();
    const dialog = page.getByRole("dialog", { name: "Assign a course to Dirk Direct" });
    await dialog.getByRole("combobox", { name: "Course" }).selectOption({ label: "First aid" });
    await dialog.getByRole("radio", { name: "A number of days after the assignment" }).check();
    await dialog.getByLabel("Days", { exact: true }).first().fill("14");
    await dialog.getByRole("button", { name: "Remove reminder: 1 day after the deadline" }).click();
    await expectAccessible(page);
    await dialog.getByRole("button", { name: "Assign", exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("status").getByText("First aid is assigned to Dirk Direct.")).toBeVisible();
    await expect(section.getByRole("row", { name: /First aid/ })).toContainText("Open");
    const [mail] = await inbox.waitFor(emails.direct);
    expect(mail!.subject).toBe("New mandatory course: First aid");
  });
});
