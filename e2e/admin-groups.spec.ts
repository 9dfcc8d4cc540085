import { randomUUID } from "node:crypto";
import type { Locator, Page } from "@playwright/test";
import { sql } from "drizzle-orm";
import { type Database, queryRows } from "@/db/client";
import { users } from "@/db/schema";
import type { Ctx } from "@/lib/auth/viewer";
import { createGroup as createGroupDirectly } from "@/lib/groups/operations/create-group";
import type { Selection } from "@/lib/membership/schemas";
import { addMembers } from "@/lib/membership/operations/add-members";
import { createCourse, createDepartment } from "@/tests/fixtures";
import { findUser } from "./support/data";
import { expect, expectAccessible, stateOf, test } from "./support/fixtures";
import { newPerson } from "./support/people";

// Dana Admin's session; the departments, people and course each test fills its groups with are its own.
test.use({ storageState: stateOf("dana") });

/** A department of the test's own with `size` people in it, named after it. */
async function departmentOf(db: Database, companyId: string, name: string, size: number) {
  const department = await createDepartment(db, companyId, name);
  const stamp = randomUUID().slice(0, 8);
  const people = await db
    .insert(users)
    .values(
      Array.from({ length: size }, (_, index) => ({
        companyId,
        departmentId: department.id,
        name: `${name} Person ${index + 1}`,
        email: `${name.toLowerCase().replace(/\W+/g, ".")}.${index + 1}.${stamp}@acme.example`,
      })),
    )
    .returning({ id: users.id, name: users.name });
  return { ...department, people };
}

const menu = (page: Page) => page.getByRole("navigation", { name: "Main menu" });
const fact = (page: Page, term: string) => page.locator(`dt:text-is("${term}") + dd`);

async function createGroup(page: Page, name: string, fields: { course?: string; maxMembers?: string } = {}) {
  await menu(page).getByRole("link", { name: "Learning groups" }).click();
  await page.getByRole("button", { name: "New learning group" }).click();
  const dialog = page.getByRole("dialog", { name: "New learning group" });
  await dialog.getByRole("textbox", { name: "Name" }).fill(name);
  await dialog.getByRole("textbox", { name: /^Description/ }).fill("Created by the admin-groups end-to-end test.");
  if (fields.course) await dialog.getByRole("combobox", { name: /^Linked course/ }).selectOption({ label: fields.course });
  if (fields.maxMembers) await dialog.getByRole("spinbutton", { name: /^Maximum members/ }).fill(fields.maxMembers);
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

/** A group made through the services, as a test's own starting point. */
async function seedGroup(db: Database, admin: Ctx, name: string, selections: Selection[]) {
  const { result } = await createGroupDirectly(db, admin, {
    name,
    description: "",
    courseId: null,
    maxMembers: null,
    visibility: "private",
    operationId: randomUUID(),
  });
  for (const selection of selections) {
    await addMembers(db, admin, { groupId: result.groupId, selection, operationId: randomUUID() });
  }
}

async function openAddMembers(page: Page, groupName: string): Promise<Locator> {
  await page.getByRole("button", { name: "Add members" }).click();
  const dialog = page.getByRole("dialog", { name: `Add members to “${groupName}”` });
  await expect(dialog).toBeVisible();
  return dialog;
}

/**
 * Confirms the add. `twice` clicks twice before the page can re-render, as a double click on a slow
 * device does: the pending button is not disabled yet, so both clicks reach the server.
 */
async function confirmAdd(dialog: Locator, count: number, result: string, { twice = false } = {}) {
  const confirm = dialog.getByRole("button", { name: count === 1 ? "Add 1 person" : `Add ${count} people` });
  if (twice) {
    await confirm.evaluate((button: HTMLElement) => {
      button.click();
      button.click();
    });
  } else await confirm.click();
  await expect(dialog.getByRole("status").filter({ hasText: /^Added/ })).toHaveText(result);
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog).toBeHidden();
}

async function searchMembers(page: Page, term: string) {
  await page.getByRole("searchbox", { name: "Search members by name" }).fill(term);
  await page.getByRole("search", { name: "Search members by name" }).getByRole("button", { name: "Search" }).click();
  await page.waitForURL((url) => url.searchParams.get("q") === term);
}

test("an admin creates learning groups and fills them individually, by department and by copying", async ({ page, db }) => {
  test.slow();
  const stamp = Date.now();
  const guild = `Engineering Guild ${stamp}`;
  const cohort = `Finance Cohort ${stamp}`;
  const dana = await findUser(db, "dana.admin@acme.example");
  // Sizes that fill more than one page of members (50) and stay under the cohort's maximum (80).
  const engineering = await departmentOf(db, dana.companyId, `Engineering ${stamp}`, 30);
  const finance = await departmentOf(db, dana.companyId, `Finance ${stamp}`, 12);
  const culture = await departmentOf(db, dana.companyId, `Culture ${stamp}`, 9);
  const hugo = await newPerson(db, "Hugo Helper", { departmentId: culture.id });
  const course = await createCourse(db, dana.companyId, `Welcome ${stamp}`);

  // Straight to the list (the menu is not this test's subject); the menu offers it as the current page.
  await page.goto("/admin/groups");
  await expect(menu(page).getByRole("link", { name: "Learning groups" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("heading", { level: 1, name: "Learning groups" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Active" })).toHaveAttribute("aria-current", "page");
  await expectAccessible(page);

  // The dialog refuses an empty name, beside the field.
  await page.getByRole("button", { name: "New learning group" }).click();
  const create = page.getByRole("dialog", { name: "New learning group" });
  await expect(create.getByRole("radio", { name: "Private" })).toBeChecked();
  await expectAccessible(page);
  await create.getByRole("button", { name: "Create" }).click();
  const name = create.getByRole("textbox", { name: "Name" });
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await expect(name).toHaveAccessibleDescription(/^Enter a name for the group\./);
  await expect(name).toBeFocused();
  await expectAccessible(page);
  await page.keyboard.press("Escape");
  await expect(create).toBeHidden();

  // A first group, filled with a whole department, seeing the preview first.
  await createGroup(page, guild);
  await expect(page.getByRole("main").getByText("No members yet")).toBeVisible();
  await expectAccessible(page);
  let dialog = await openAddMembers(page, guild);
  await dialog.getByRole("tab", { name: "Department" }).click();
  await dialog.getByRole("checkbox", { name: new RegExp(`^${engineering.name}\\b`) }).check();
  await expect(dialog.getByText(`${engineering.people.length} to add`, { exact: true })).toBeVisible();
  await expectAccessible(page);
  await confirmAdd(dialog, engineering.people.length, `Added ${engineering.people.length} people.`);
  await expect(fact(page, "Members")).toHaveText(String(engineering.people.length));

  // A second group with a course and a maximum: one person, two departments, a copy of the first group.
  await createGroup(page, cohort, { course: course.title, maxMembers: "80" });
  await expect(fact(page, "Linked course")).toHaveText(course.title);
  dialog = await openAddMembers(page, cohort);
  await expect(dialog.getByRole("tab", { name: "Individually" })).toHaveAttribute("aria-selected", "true");
  const search = dialog.getByRole("combobox", { name: "Search people" });
  await search.fill(hugo.name.toLowerCase());
  const option = dialog.getByRole("option", { name: new RegExp(hugo.name) });
  await expect(option).toContainText(`${hugo.email} · ${culture.name}`);
  await expect(search).toHaveAttribute("aria-expanded", "true");
  await expectAccessible(page);
  await option.click();
  await expect(dialog.getByRole("button", { name: `Remove ${hugo.name} from the selection` })).toBeVisible();
  await expect(search).toHaveValue("");
  await confirmAdd(dialog, 1, "Added 1 person.");

  dialog = await openAddMembers(page, cohort);
  await dialog.getByRole("tab", { name: "Individually" }).press("ArrowRight");
  await expect(dialog.getByRole("tab", { name: "Department" })).toBeFocused();
  await dialog.getByRole("checkbox", { name: new RegExp(`^${finance.name}\\b`) }).check();
  await dialog.getByRole("checkbox", { name: new RegExp(`^${culture.name}\\b`) }).check();
  const departmentsToAdd = finance.people.length + culture.people.length;
  await expect(dialog.getByText(`${departmentsToAdd} to add, 1 already a member`, { exact: true })).toBeVisible();
  await expect(dialog.getByText("1 of 80 places taken before adding.")).toBeVisible();
  await confirmAdd(dialog, departmentsToAdd, `Added ${departmentsToAdd} people. 1 was already a member.`);

  dialog = await openAddMembers(page, cohort);
  await dialog.getByRole("tab", { name: "Copy from group" }).click();
  // The select holds the first matches of the search: typing part of the name finds it among thousands.
  await dialog.getByRole("searchbox", { name: "Search groups by name" }).fill(guild.slice(0, -2));
  await dialog
    .getByRole("combobox", { name: "Group to copy from" })
    .selectOption({ label: `${guild} (${engineering.people.length} members)` });
  await expect(dialog.getByText(`${engineering.people.length} to add`, { exact: true })).toBeVisible();
  await expectAccessible(page);
  await confirmAdd(dialog, engineering.people.length, `Added ${engineering.people.length} people.`);

  await expect(fact(page, "Members")).toHaveText(`${1 + departmentsToAdd + engineering.people.length} / 80`);
  await expect(page.getByRole("main").getByText("Page 1 of 2")).toBeVisible();
  await searchMembers(page, hugo.name);
  await expect(page.getByRole("row", { name: new RegExp(`^Select ${hugo.name}`) })).toContainText(
    /Added by Dana Admin on \w{3} \d{1,2}, \d{4}$/,
  );

  // Newest first: the copy and the departments on the first page, Hugo (added first) on the second.
  await page.getByRole("link", { name: "History" }).click();
  await expect(page.getByRole("heading", { name: "Membership history" })).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(`Added Dana Admin Copied from group ${guild}$`) }).first()).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(`Added Dana Admin Via department ${finance.name}$`) }).first()).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Next" }).click();
  await expect(page.getByRole("main").getByText("Page 2 of 2")).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(`${hugo.name} Added Dana Admin Individually$`) })).toBeVisible();
});

test("an admin removes and moves members, archives, restores and deletes a group", async ({ page, db }) => {
  test.slow();
  const stamp = Date.now();
  const cohort = `Finance Wave ${stamp}`;
  const alumni = `Finance Alumni ${stamp}`;
  const dana = await findUser(db, "dana.admin@acme.example");
  const hugo = await newPerson(db, "Hugo Helper");
  const finance = await departmentOf(db, dana.companyId, `Finance ${stamp}`, 12);
  await seedGroup(db, dana, cohort, [
    { mode: "people", userIds: [hugo.id] },
    { mode: "departments", departmentIds: [finance.id] },
  ]);
  await seedGroup(db, dana, alumni, []);
  const total = 1 + finance.people.length;
  // "Person 3": no other name in the department contains it.
  const mover = finance.people[2]!.name;

  await page.goto("/admin/groups");
  await page.getByRole("link", { name: cohort }).click();
  await expect(fact(page, "Members")).toHaveText(String(total));

  // Remove Hugo: the dialog says how many, and that messages and progress stay.
  await searchMembers(page, hugo.name);
  await page.getByRole("checkbox", { name: `Select ${hugo.name}` }).check();
  await page.getByRole("button", { name: "Remove" }).click();
  const remove = page.getByRole("dialog", { name: `Remove 1 person from “${cohort}”?` });
  await expect(remove).toContainText("Their messages and their progress in the linked course stay.");
  await expectAccessible(page);
  await remove.getByRole("button", { name: "Remove 1 person" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Removed 1 person." })).toBeVisible();
  await expect(page.getByRole("main").getByText(`Nobody in this group matches “${hugo.name}”.`)).toBeVisible();
  await expect(fact(page, "Members")).toHaveText(String(total - 1));

  // Move someone to the other group.
  await searchMembers(page, mover);
  await page.getByRole("checkbox", { name: `Select ${mover}` }).check();
  await page.getByRole("button", { name: "Move to group" }).click();
  const move = page.getByRole("dialog", { name: "Move 1 person to another group" });
  await move.getByRole("searchbox", { name: "Search groups by name" }).fill(alumni);
  await move.getByRole("combobox", { name: "Move to" }).selectOption({ label: `${alumni} (0 members)` });
  await expectAccessible(page);
  await move.getByRole("button", { name: "Move 1 person" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Moved 1 person to “${alumni}”.` })).toBeVisible();
  await expect(fact(page, "Members")).toHaveText(String(total - 2));
  await page.getByRole("link", { name: "History" }).click();
  await expect(page.getByRole("row", { name: new RegExp(`${mover} Removed Dana Admin Moved to group ${alumni}$`) })).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(`${hugo.name} Removed Dana Admin Individually$`) })).toBeVisible();

  // Close the group: Archive is the recommended choice.
  await page.getByRole("button", { name: "Close group" }).click();
  const close = page.getByRole("dialog", { name: `Close “${cohort}”` });
  await expect(close.getByRole("radio", { name: /^Archive/ })).toBeChecked();
  await expectAccessible(page);
  await close.getByRole("button", { name: "Archive group" }).click();
  await expect(close).toBeHidden();
  await expect(page.getByRole("main").getByText("Archived", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Close group" })).toHaveCount(0);
  await expectAccessible(page);

  // The list has loaded before anything is said to be missing from it.
  await menu(page).getByRole("link", { name: "Learning groups" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Learning groups" })).toBeVisible();
  await expect(page.getByRole("link", { name: alumni })).toBeVisible();
  await expect(page.getByRole("link", { name: cohort })).toHaveCount(0);
  await page.getByRole("link", { name: "Archived" }).click();
  await expect(page.getByRole("link", { name: "Archived" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("link", { name: cohort })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("link", { name: cohort }).click();
  await expect(page.getByRole("heading", { level: 1, name: cohort })).toBeVisible();
  await expect(page.getByRole("button", { name: "Add members" })).toHaveCount(0);
  await page.getByRole("button", { name: "Restore" }).click();
  const restore = page.getByRole("dialog", { name: `Restore “${cohort}”?` });
  await restore.getByRole("button", { name: "Restore group" }).click();
  await expect(restore).toBeHidden();
  await expect(page.getByRole("button", { name: "Add members" })).toBeVisible();

  // Delete: gone for good, after typing the exact name.
  await page.getByRole("button", { name: "Close group" }).click();
  await close.getByRole("radio", { name: /^Delete/ }).check();
  const confirmDelete = close.getByRole("button", { name: "Delete group" });
  await expect(confirmDelete).toBeDisabled();
  await close.getByRole("textbox", { name: `Type “${cohort}” to confirm` }).fill(cohort);
  await expectAccessible(page);
  await confirmDelete.click();
  await expect(page).toHaveURL(/\/admin\/groups$/);
  await expect(page.getByRole("link", { name: alumni })).toBeVisible();
  await expect(page.getByRole("link", { name: cohort })).toHaveCount(0);
});

test("a learner added to a group sees the notification arrive live, and the group from home", async ({ page, pageOf, db }) => {
  test.slow();
  const learner = await newPerson(db, "Liv Live");
  const learnerPage = await pageOf(learner);
  await learnerPage.goto("/");
  const bell = learnerPage.getByRole("button", { name: /^Notifications/ });
  await expect(bell).toHaveAccessibleName("Notifications");
  await expect(menu(learnerPage).getByRole("link", { name: "Learning groups" })).toHaveCount(0);
  // A marker that a reload would wipe: the notification must arrive without one.
  await learnerPage.evaluate(() => Object.assign(window, { __noReload: true }));

  const groupName = `Live Wave ${Date.now()}`;
  await page.goto("/");
  await createGroup(page, groupName);
  const dialog = await openAddMembers(page, groupName);
  const search = dialog.getByRole("combobox", { name: "Search people" });
  await search.fill(learner.email);
  const first = dialog.getByRole("option").first();
  await expect(first).toContainText(learner.email);
  // Nothing is chosen until the arrow keys move: ↓ then Enter takes the first suggestion.
  await expect(first).toHaveAttribute("aria-selected", "false");
  await search.press("ArrowDown");
  await expect(first).toHaveAttribute("aria-selected", "true");
  await search.press("Enter");
  await expect(dialog.getByRole("button", { name: /^Remove .+ from the selection$/ })).toBeVisible();
  await confirmAdd(dialog, 1, "Added 1 person.", { twice: true });
  // One add, however many clicks: one audited operation, one ledger row, one membership that tells the learner.
  const [written] = await queryRows<{ audit: number; ledger: number; announced: number }>(
    db,
    sql`select (select count(*)::int from audit_log where target_id = g.id and action = 'group.members_added') as audit,
               (select count(*)::int from membership_events where group_id = g.id) as ledger,
               (select count(*)::int from group_members where group_id = g.id and announced) as announced
        from learning_groups g where g.name = ${groupName}`,
  );
  expect(written).toEqual({ audit: 1, ledger: 1, announced: 1 });

  await expect(bell).toHaveAccessibleName("Notifications, 1 unread");
  await bell.click();
  await expect(learnerPage.getByText(`Dana Admin added you to the group “${groupName}”.`)).toBeVisible();
  expect(await learnerPage.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);

  // The learner opens the group from home: members only, no admin actions, no history.
  await learnerPage.goto("/");
  await learnerPage.getByRole("link", { name: groupName }).click();
  await expect(learnerPage.getByRole("heading", { level: 1, name: groupName })).toBeVisible();
  await expect(learnerPage.getByRole("row", { name: /Added by Dana Admin on/ })).toHaveCount(1);
  await expect(learnerPage.getByRole("button", { name: "Add members" })).toHaveCount(0);
  await expect(learnerPage.getByRole("link", { name: "History" })).toHaveCount(0);
  await expectAccessible(learnerPage);
  await learnerPage.goto("/admin/groups");
  await expect(learnerPage.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test("another admin is offered Take ownership of a private group instead of its changes, then manages it", async ({ pageOf, db }) => {
  const board = `Board ${Date.now()}`;
  const dana = await findUser(db, "dana.admin@acme.example");
  await seedGroup(db, dana, board, []);

  const page = await pageOf("omar");
  await page.goto("/admin/groups");
  await page.getByRole("link", { name: board }).click();
  await expect(page.getByRole("heading", { level: 1, name: board })).toBeVisible();
  // What the server would refuse is not offered; the reason is given beside Take ownership.
  await expect(page.getByRole("button", { name: "Edit", exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Close group" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Add members" })).toHaveCount(0);
  await expect(
    page.getByRole("main").getByText("Only Dana Admin, the owner of this private group, edits, closes and restores it.", { exact: false }),
  ).toBeVisible();

  await page.getByRole("button", { name: "Take ownership" }).click();
  const take = page.getByRole("dialog", { name: `Take ownership of “${board}”?` });
  await take.getByRole("button", { name: "Take ownership" }).click();
  await expect(take).toBeHidden();
  await expect(fact(page, "Owner")).toHaveText("Omar Admin (you)");
  await expect(page.getByRole("button", { name: "Edit", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Close group" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Add members" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Take ownership" })).toHaveCount(0);
});
