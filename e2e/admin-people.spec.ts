import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import { DEMO_PASSWORD } from "@/scripts/seed/accounts";
import { hashPassword } from "@/lib/auth/password";
import { createGroup } from "@/lib/groups/operations/create-group";
import { addMembers } from "@/lib/membership/operations/add-members";
import { createDepartment, createPerson } from "@/tests/fixtures";
import { findUser } from "./support/data";
import { expect, expectAccessible, stateOf, test } from "./support/fixtures";
import { expectCurrentEntry, mainMenu, navigateTo } from "./support/menu";

// Each test makes its own person and departments, so no other spec's counts (departments, groups)
// change under it, and it reads none of the demo seed's.

/** A department of the test's own in Acme, named after `name` with a suffix nobody else has. */
async function ownDepartment(db: Database, name: string) {
  const dana = await findUser(db, "dana.admin@acme.example");
  return createDepartment(db, dana.companyId, `${name} ${randomUUID().slice(0, 6)}`);
}

async function newPerson(db: Database, options: { name: string; departmentId?: string; password?: boolean }) {
  const dana = await findUser(db, "dana.admin@acme.example");
  const email = `${options.name.toLowerCase().replace(/\W+/g, ".")}@acme.example`;
  const [person] = await db
    .insert(users)
    .values({
      companyId: dana.companyId,
      name: options.name,
      email,
      departmentId: options.departmentId ?? null,
      passwordHash: options.password ? await hashPassword(DEMO_PASSWORD) : null,
    })
    .returning({ id: users.id });
  return { id: person!.id, email, dana };
}

const fact = (page: Page, term: string) => page.locator(`dt:text-is("${term}") + dd`);

/** Opens the person from the People list: the test's page may be anywhere in the app (or nowhere yet). */
async function openPerson(page: Page, name: string) {
  if (new URL(page.url()).protocol === "about:") await page.goto("/admin/people");
  else await navigateTo(page, "People");
  await expectCurrentEntry(page, "People");
  await expect(page.getByRole("heading", { level: 1, name: "People" })).toBeVisible();
  await page.getByRole("searchbox", { name: "Search people by name or email" }).fill(name);
  await page.getByRole("button", { name: "Apply" }).click();
  const table = page.getByRole("table", { name: "People of your company" });
  await expect(table.getByRole("row")).toHaveCount(2);
  await expectAccessible(page);
  await table.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

test.describe("people (admin)", () => {
  test.use({ storageState: stateOf("dana") });

  test("an admin moves someone to another department and sees it on the person page", async ({ page, db }) => {
    const name = `Mara Mover ${randomUUID().slice(0, 4)}`;
    const [from, to] = [await ownDepartment(db, "Marketing"), await ownDepartment(db, "Customer Success")];
    await newPerson(db, { name, departmentId: from.id });
    await openPerson(page, name);
    await expect(fact(page, "Department")).toHaveText(from.name);
    await expect(page.getByRole("main").getByText("Nothing has been changed yet.")).toBeVisible();
    await expectAccessible(page);

    await page.getByRole("button", { name: "Change department" }).click();
    const dialog = page.getByRole("dialog", { name: `Department of ${name}` });
    await dialog.getByRole("combobox", { name: "Department" }).selectOption({ label: to.name });
    await expectAccessible(page);
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(dialog).toHaveCount(0);
    await expect(fact(page, "Department")).toHaveText(to.name);
    const changes = page.getByRole("table", { name: "Changes to this person" });
    await expect(changes.getByText(`Department: ${from.name} → ${to.name}`)).toBeVisible();
    await expect(changes.getByRole("cell", { name: "Dana Admin" })).toBeVisible();

    // The directory's department filter finds them in their new department.
    await navigateTo(page, "People");
    await page.getByRole("combobox", { name: "Department" }).selectOption({ label: to.name });
    await page.getByRole("searchbox", { name: "Search people by name or email" }).fill(name);
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page.getByRole("table", { name: "People of your company" }).getByRole("link", { name })).toBeVisible();
  });

  test("a search finds a name however it is typed: muller and goessling find Müller and Gößling", async ({ page, db }) => {
    const suffix = randomUUID().slice(0, 4);
    const { companyId } = await findUser(db, "dana.admin@acme.example");
    // Emails without the names: only the name can match.
    await createPerson(db, companyId, { name: `Jonas Müller ${suffix}`, email: `p-${suffix}-1@acme.example` });
    await createPerson(db, companyId, { name: `Zoë Gößling ${suffix}`, email: `p-${suffix}-2@acme.example` });
    await page.goto("/admin/people");
    const table = page.getByRole("table", { name: "People of your company" });
    for (const [term, name] of [
      [`muller ${suffix}`, `Jonas Müller ${suffix}`],
      [`MUELLER ${suffix}`, `Jonas Müller ${suffix}`],
      [`goessling ${suffix}`, `Zoë Gößling ${suffix}`],
    ]) {
      await page.getByRole("searchbox", { name: "Search people by name or email" }).fill(term!);
      await page.getByRole("button", { name: "Apply" }).click();
      await expect(table.getByRole("row")).toHaveCount(2);
      await expect(table.getByRole("link", { name })).toBeVisible();
    }
  });

  test("an admin finds and sets a manager, and grants a role", async ({ page, db }) => {
    const suffix = randomUUID().slice(0, 4);
    const name = `Nico Newhire ${suffix}`;
    const managerName = `Mona Manager ${suffix}`;
    await newPerson(db, { name });
    await newPerson(db, { name: managerName });
    await openPerson(page, name);
    await expect(fact(page, "Manager")).toHaveText("No manager");

    await page.getByRole("button", { name: "Change manager" }).click();
    const dialog = page.getByRole("dialog", { name: `Manager of ${name}` });
    // The one person picker; the picked person becomes the checked choice.
    const search = dialog.getByRole("combobox", { name: "Find a person" });
    await search.fill(`mona manager ${suffix}`);
    await expect(dialog.getByRole("option", { name: new RegExp(managerName) })).toBeVisible();
    await search.press("ArrowDown");
    await search.press("Enter");
    await expect(dialog.getByRole("radio", { name: new RegExp(`^${managerName}`) })).toBeChecked();
    await expectAccessible(page);
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(dialog).toHaveCount(0);
    await expect(fact(page, "Manager")).toHaveText(managerName);

    await page.getByRole("button", { name: "Change roles" }).click();
    const roles = page.getByRole("dialog", { name: `Roles of ${name}` });
    await roles.getByRole("checkbox", { name: /^HR/ }).check();
    await roles.getByRole("button", { name: "Save" }).click();
    await expect(roles).toHaveCount(0);
    await expect(fact(page, "Roles")).toHaveText("HR");
    const changes = page.getByRole("table", { name: "Changes to this person" });
    await expect(changes.getByText(`Manager: none → ${managerName}`)).toBeVisible();
    await expect(changes.getByText("Roles: none → HR")).toBeVisible();
  });

  test("an admin deactivates someone after a confirmation, which signs them out and takes them out of their groups, then reactivates them", async ({
    page,
    pageOf,
    db,
  }) => {
    const name = `Lee Leaver ${randomUUID().slice(0, 4)}`;
    const leaver = await newPerson(db, { name, password: true });
    const groupName = `Leaver's wave ${randomUUID().slice(0, 4)}`;
    const dana = { ...leaver.dana, userId: leaver.dana.id };
    const { result } = await createGroup(db, dana, {
      name: groupName,
      description: "",
      courseId: null,
      maxMembers: null,
      visibility: "private",
      operationId: randomUUID(),
    });
    await addMembers(db, dana, { groupId: result.groupId, selection: { mode: "people", userIds: [leaver.id] }, operationId: randomUUID() });

    const theirPage = await pageOf(leaver);
    await theirPage.goto("/");

    await openPerson(page, name);
    const groups = page.getByRole("table", { name: "Their groups" });
    await expect(groups.getByRole("link", { name: groupName })).toBeVisible();

    await page.getByRole("button", { name: "Deactivate" }).click();
    let dialog = page.getByRole("dialog", { name: `Deactivate ${name}?` });
    await expect(dialog.getByText("They leave their 1 active learning group; its history records it.")).toBeVisible();
    await expect(dialog.getByText("You can reactivate them later: that restores sign-in only, not their groups.")).toBeVisible();
    await expectAccessible(page);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByRole("main").getByText("Active", { exact: true }).first()).toBeVisible();

    await page.getByRole("button", { name: "Deactivate" }).click();
    await dialog.getByRole("button", { name: "Deactivate" }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByRole("main").getByText(/^Deactivated on .*\. They cannot sign in\.$/)).toBeVisible();
    await expect(page.getByRole("main").getByText("They are in no learning group.")).toBeVisible();
    await expect(page.getByRole("table", { name: "Changes to this person" }).getByText("Left 1 active group.")).toBeVisible();
    await expectAccessible(page);

    // Their next request finds them signed out.
    await theirPage.reload();
    await expect(theirPage.getByLabel("Work email")).toBeVisible();

    await page.getByRole("button", { name: "Reactivate" }).click();
    dialog = page.getByRole("dialog", { name: `Reactivate ${name}?` });
    await expect(dialog.getByText(/The groups they left are not restored/)).toBeVisible();
    await dialog.getByRole("button", { name: "Reactivate" }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Deactivate" })).toBeVisible();
    await expect(page.getByRole("main").getByText("They are in no learning group.")).toBeVisible();
  });

  test("HR staff read people without changing them; learners and another company find no such page", async ({ pageOf, db }) => {
    const name = `Rita Reader ${randomUUID().slice(0, 4)}`;
    const department = await ownDepartment(db, "Marketing");
    await newPerson(db, { name, departmentId: department.id });
    const page = await pageOf("hana");
    await openPerson(page, name);
    await expect(fact(page, "Department")).toHaveText(department.name);
    await expect(page.getByRole("button", { name: "Change department" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Deactivate" })).toHaveCount(0);
    const personPath = new URL(page.url()).pathname;
    const learner = await pageOf("lena");
    await learner.goto("/");
    await expect((await mainMenu(learner)).getByRole("link", { name: "People" })).toHaveCount(0);
    for (const path of ["/admin/people", personPath]) {
      await learner.goto(path);
      await expect(learner.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    }
    await expectAccessible(learner);
    const globex = await pageOf("gina");
    await globex.goto("/admin/people");
    await globex.getByRole("searchbox", { name: "Search people by name or email" }).fill(name);
    await globex.getByRole("button", { name: "Apply" }).click();
    // Scoped to the main region, for the hidden copy React may hold while the page streams in.
    await expect(globex.getByRole("main").getByText("Nobody matches these filters.", { exact: false })).toBeVisible();
    await globex.goto(personPath);
    await expect(globex.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  });
});
