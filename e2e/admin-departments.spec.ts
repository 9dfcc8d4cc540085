import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { departments, users } from "@/db/schema";
import { createDepartment as createDepartmentDirectly } from "@/tests/fixtures";
import { findUser } from "./support/data";
import { expect, expectAccessible, test } from "./support/fixtures";
import { expectCurrentEntry, mainMenu } from "./support/menu";

// This spec works on departments it creates itself; the seeded ones stay as they are.

const row = (page: Page, name: string) => page.getByRole("row").filter({ has: page.getByRole("rowheader", { name, exact: true }) });

async function departmentId(db: Database, companyId: string, name: string) {
  const [department] = await db
    .select({ id: departments.id })
    .from(departments)
    .where(and(eq(departments.companyId, companyId), eq(departments.name, name)));
  return department?.id;
}

async function createDepartment(page: Page, name: string) {
  await page.getByRole("button", { name: "New department" }).click();
  const dialog = page.getByRole("dialog", { name: "New department" });
  await dialog.getByRole("textbox", { name: "Name" }).fill(name);
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(dialog).toBeHidden();
  await expect(row(page, name)).toBeVisible();
}

test("an admin creates, renames, merges and deletes departments", async ({ pageOf, db }) => {
  test.slow();
  const stamp = Date.now();
  const draft = `Onbording Crew ${stamp}`;
  const crew = `Onboarding Crew ${stamp}`;
  const harbor = `Harbor Team ${stamp}`;
  const spare = `Spare Desk ${stamp}`;
  const omar = await findUser(db, "omar.admin@acme.example");
  // A department the company has, with nobody in it yet.
  const taken = await createDepartmentDirectly(db, omar.companyId, `Sales Desk ${stamp}`);

  const page = await pageOf("omar");
  // Straight to the page (the menu is not this test's subject); the menu offers it as the current one.
  await page.goto("/admin/departments");
  await expectCurrentEntry(page, "Departments");
  await expect(page.getByRole("heading", { level: 1, name: "Departments" })).toBeVisible();
  await expect(row(page, taken.name)).toContainText("0 people");
  await expectAccessible(page);

  // Bad input is refused beside the field; a name the company has, in any case, is refused with the name.
  await page.getByRole("button", { name: "New department" }).click();
  const create = page.getByRole("dialog", { name: "New department" });
  await create.getByRole("button", { name: "Create" }).click();
  const name = create.getByRole("textbox", { name: "Name" });
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await expect(name).toHaveAccessibleDescription(/^Enter a name for the department\./);
  await expect(name).toBeFocused();
  const otherCase = `sALES dESK ${stamp}`;
  await name.fill(otherCase);
  await create.getByRole("button", { name: "Create" }).click();
  await expect(create.getByRole("alert")).toHaveText(`A department named “${otherCase}” already exists. Choose another name.`);
  await expectAccessible(page);
  await name.fill(draft);
  await create.getByRole("button", { name: "Create" }).click();
  await expect(create).toBeHidden();
  await expect(row(page, draft)).toContainText("0 people");
  await expect(row(page, draft)).toContainText("No head");

  // Rename fixes the typo.
  await page.getByRole("button", { name: `Rename ${draft}` }).click();
  const rename = page.getByRole("dialog", { name: `Rename “${draft}”` });
  await expect(rename.getByRole("textbox", { name: "Name" })).toHaveValue(draft);
  await rename.getByRole("textbox", { name: "Name" }).fill(crew);
  await rename.getByRole("button", { name: "Save" }).click();
  await expect(rename).toBeHidden();
  await expect(row(page, crew)).toBeVisible();
  await expect(row(page, draft)).toHaveCount(0);

  await createDepartment(page, harbor);
  const crewId = await departmentId(db, omar.companyId, crew);
  const harborId = await departmentId(db, omar.companyId, harbor);
  // Two people join the crew, as the people pages or an HR form would put them there.
  const crewEmails = [1, 2].map((n) => `crew-${n}-${randomUUID()}@acme.example`);
  await db
    .insert(users)
    .values(
      crewEmails.map((email, index) => ({ companyId: omar.companyId, departmentId: crewId, name: `Crew Member ${index + 1}`, email })),
    );
  await page.reload();
  await expect(row(page, crew)).toContainText("2 people");

  // A department with people is not deleted: the dialog says so, and the server refuses with the count.
  await page.getByRole("button", { name: `Delete ${crew}` }).click();
  const refuse = page.getByRole("dialog", { name: `Delete “${crew}”?` });
  await expect(refuse).toContainText(`2 active people are still in “${crew}”. Merge it into another department instead.`);
  await expectAccessible(page);
  await refuse.getByRole("button", { name: "Delete department" }).click();
  await expect(refuse.getByRole("alert")).toHaveText(
    `“${crew}” still has 2 people. Merge it into another department instead, or move them first.`,
  );
  await refuse.getByRole("button", { name: "Cancel" }).click();
  await expect(refuse).toBeHidden();

  // Merge: choose the target, read what happens, confirm.
  await page.getByRole("button", { name: `Merge ${crew} into another department` }).click();
  const merge = page.getByRole("dialog", { name: `Merge “${crew}” into another department` });
  await merge.getByRole("button", { name: "Continue" }).click();
  const target = merge.getByRole("combobox", { name: "Merge into" });
  await expect(target).toHaveAccessibleDescription("Choose the department to merge into.");
  await expect(target.getByRole("option", { name: crew, exact: true })).toHaveCount(0);
  await target.selectOption({ label: harbor });
  await expectAccessible(page);
  await merge.getByRole("button", { name: "Continue" }).click();
  const confirm = page.getByRole("dialog", { name: `Merge “${crew}” into “${harbor}”?` });
  await expect(confirm).toContainText(`2 active people move to “${harbor}”. “${crew}” is deleted afterwards.`);
  await expectAccessible(page);
  await confirm.getByRole("button", { name: "Merge departments" }).click();
  await expect(confirm).toBeHidden();
  await expect(row(page, crew)).toHaveCount(0);
  await expect(row(page, harbor)).toContainText("2 people");
  expect(await departmentId(db, omar.companyId, crew)).toBeUndefined();
  const moved = await db.select({ id: users.id }).from(users).where(eq(users.departmentId, harborId!));
  expect(moved).toHaveLength(2);

  // The head: one of the department's people, shown in the list.
  await page.getByRole("button", { name: `Choose the head of ${harbor}` }).click();
  const head = page.getByRole("dialog", { name: `Head of “${harbor}”` });
  const person = head.getByRole("combobox", { name: "Head" });
  await expect(person).toHaveValue("");
  await person.selectOption({ label: `Crew Member 1 (${crewEmails[0]})` });
  await expectAccessible(page);
  await head.getByRole("button", { name: "Save" }).click();
  await expect(head).toBeHidden();
  await expect(row(page, harbor)).toContainText("Crew Member 1");

  // An empty department is deleted after confirmation.
  await createDepartment(page, spare);
  await page.getByRole("button", { name: `Delete ${spare}` }).click();
  const remove = page.getByRole("dialog", { name: `Delete “${spare}”?` });
  await expect(remove).toContainText("The department is deleted for good.");
  await remove.getByRole("button", { name: "Delete department" }).click();
  await expect(remove).toBeHidden();
  await expect(row(page, spare)).toHaveCount(0);
  await expect(row(page, harbor)).toBeVisible();
});

test("departments are for admins of the company: a learner gets a 404, another company sees none of them", async ({ pageOf, db }) => {
  const stamp = Date.now();
  const acme = await createDepartmentDirectly(db, (await findUser(db, "lena.learner@acme.example")).companyId, `Acme Desk ${stamp}`);
  const globex = await createDepartmentDirectly(db, (await findUser(db, "gina.admin@globex.example")).companyId, `Globex Desk ${stamp}`);
  const learner = await pageOf("lena");
  await learner.goto("/");
  await expect((await mainMenu(learner)).getByRole("link", { name: "Departments" })).toHaveCount(0);
  await learner.goto("/admin/departments");
  await expect(learner.getByRole("heading", { name: "Page not found" })).toBeVisible();
  const page = await pageOf("gina");
  await page.goto("/admin/departments");
  await expectCurrentEntry(page, "Departments");
  await expect(row(page, globex.name)).toBeVisible();
  await expect(row(page, acme.name)).toHaveCount(0);
  await expectAccessible(page);
});
