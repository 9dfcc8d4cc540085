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
import { LANGUAGES, type Say, sayIn } from "./support/say";
import { expectCurrentEntry, mainMenu, navigateTo } from "./support/menu";

// Dana Admin's session (the first test signs in an admin of its own, in each language); the departments,
// people and course each test fills its groups with are its own.
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

const fact = (page: Page, term: string) => page.locator(`dt:text-is("${term}") + dd`);
/** A catalogue sentence as literal text inside a regular expression. */
const literally = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

async function createGroup(page: Page, t: Say, name: string, fields: { course?: string; maxMembers?: string } = {}) {
  await navigateTo(page, t("nav.groups"), t);
  await page.getByRole("button", { name: t("groups.new") }).click();
  const dialog = page.getByRole("dialog", { name: t("groups.new") });
  await dialog.getByRole("textbox", { name: t("groups.form.name") }).fill(name);
  await dialog
    .getByRole("textbox", { name: new RegExp(`^${literally(t("groups.form.description"))}`) })
    .fill("Created by the admin-groups end-to-end test.");
  if (fields.course) {
    await dialog
      .getByRole("combobox", { name: new RegExp(`^${literally(t("groups.form.course"))}`) })
      .selectOption({ label: fields.course });
  }
  if (fields.maxMembers) {
    await dialog.getByRole("spinbutton", { name: new RegExp(`^${literally(t("groups.form.maxMembers"))}`) }).fill(fields.maxMembers);
  }
  await dialog.getByRole("button", { name: t("groups.form.create") }).click();
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

async function openAddMembers(page: Page, t: Say, groupName: string): Promise<Locator> {
  await page.getByRole("button", { name: t("members.addButton") }).click();
  const dialog = page.getByRole("dialog", { name: t("members.add.title", { name: groupName }) });
  await expect(dialog).toBeVisible();
  return dialog;
}

/**
 * Confirms the add of `count` people, who all are new to the group: the dialog closes and a toast
 * says what the add did (the newest, as an earlier add may have said the same). `twice` clicks twice
 * before the page can re-render, as a double click on a slow device does: the pending button is not
 * disabled yet, so both clicks reach the server.
 */
async function confirmAdd(dialog: Locator, t: Say, count: number, result: string, { twice = false } = {}) {
  const confirm = dialog.getByRole("button", { name: t("members.add.confirmCount", { count }) });
  if (twice) {
    await confirm.evaluate((button: HTMLElement) => {
      button.click();
      button.click();
    });
  } else await confirm.click();
  await expect(dialog).toBeHidden();
  const toast = dialog
    .page()
    .getByRole("status")
    .getByRole("listitem")
    .filter({ hasText: t("members.add.result.added", { count }) });
  await expect(toast.last()).toHaveText(result);
}

async function searchMembers(page: Page, t: Say, term: string) {
  await page.getByRole("searchbox", { name: t("members.searchLabel") }).fill(term);
  await page
    .getByRole("search", { name: t("members.searchLabel") })
    .getByRole("button", { name: t("common.search") })
    .click();
  await page.waitForURL((url) => url.searchParams.get("q") === term);
}

for (const language of LANGUAGES) {
  test(`an admin creates learning groups and fills them individually, by department and by copying [${language}]`, async ({
    pageOf,
    db,
  }) => {
    test.slow();
    const t = sayIn(language);
    const stamp = Date.now();
    const started = new Date();
    const guild = `Engineering Guild ${stamp}`;
    const cohort = `Finance Cohort ${stamp}`;
    const admin = await newPerson(db, "Ada Admin", { roles: ["admin"], locale: language });
    // Sizes that fill more than one page of members (50) and stay under the cohort's maximum (80).
    const engineering = await departmentOf(db, admin.companyId, `Engineering ${stamp}`, 30);
    const finance = await departmentOf(db, admin.companyId, `Finance ${stamp}`, 12);
    const culture = await departmentOf(db, admin.companyId, `Culture ${stamp}`, 9);
    const hugo = await newPerson(db, "Hugo Helper", { departmentId: culture.id });
    const course = await createCourse(db, admin.companyId, `Welcome ${stamp}`);
    const toAdd = (count: number, alreadyMembers = 0) => t("members.add.preview.summary", { toAdd: count, alreadyMembers, deactivated: 0 });
    const added = (count: number) => t("members.add.result.added", { count });
    const page = await pageOf({ email: admin.email });

    // Straight to the list (the menu is not this test's subject); the menu offers it as the current page.
    await page.goto("/admin/groups");
    await expectCurrentEntry(page, t("nav.groups"), t);
    await expect(page.getByRole("heading", { level: 1, name: t("groups.title") })).toBeVisible();
    await expect(page.getByRole("link", { name: t("groups.tabs.active") })).toHaveAttribute("aria-current", "page");
    await expectAccessible(page);

    // The dialog refuses an empty name, beside the field.
    await page.getByRole("button", { name: t("groups.new") }).click();
    const create = page.getByRole("dialog", { name: t("groups.new") });
    await expect(create.getByRole("radio", { name: t("groups.form.private") })).toBeChecked();
    await expectAccessible(page);
    await create.getByRole("button", { name: t("groups.form.create") }).click();
    const name = create.getByRole("textbox", { name: t("groups.form.name") });
    await expect(name).toHaveAttribute("aria-invalid", "true");
    await expect(name).toHaveAccessibleDescription(new RegExp(`^${literally(t("validation.nameRequired"))}`));
    await expect(name).toBeFocused();
    await expectAccessible(page);
    await page.keyboard.press("Escape");
    await expect(create).toBeHidden();

    // A first group, filled with a whole department, seeing the preview first.
    await createGroup(page, t, guild);
    await expect(page.getByRole("main").getByText(t("members.empty.title"))).toBeVisible();
    await expectAccessible(page);
    let dialog = await openAddMembers(page, t, guild);
    await dialog.getByRole("tab", { name: t("members.add.tabs.departments") }).click();
    await dialog.getByRole("checkbox", { name: new RegExp(`^${engineering.name}\\b`) }).check();
    await expect(dialog.getByText(toAdd(engineering.people.length), { exact: true })).toBeVisible();
    await expectAccessible(page);
    await confirmAdd(dialog, t, engineering.people.length, added(engineering.people.length));
    await expect(fact(page, t("group.members"))).toHaveText(t("groups.memberCount", { members: engineering.people.length }));

    // A second group with a course and a maximum: one person, two departments, a copy of the first group.
    await createGroup(page, t, cohort, { course: course.title, maxMembers: "80" });
    await expect(fact(page, t("group.course"))).toHaveText(course.title);
    dialog = await openAddMembers(page, t, cohort);
    await expect(dialog.getByRole("tab", { name: t("members.add.tabs.people") })).toHaveAttribute("aria-selected", "true");
    const search = dialog.getByRole("combobox", { name: t("members.add.people.label") });
    await search.fill(hugo.name.toLowerCase());
    const option = dialog.getByRole("option", { name: new RegExp(hugo.name) });
    await expect(option).toContainText(`${hugo.email} · ${culture.name}`);
    await expect(search).toHaveAttribute("aria-expanded", "true");
    await expectAccessible(page);
    await option.click();
    await expect(dialog.getByRole("button", { name: t("members.add.people.unpick", { name: hugo.name }) })).toBeVisible();
    await expect(search).toHaveValue("");
    await confirmAdd(dialog, t, 1, added(1));

    dialog = await openAddMembers(page, t, cohort);
    await dialog.getByRole("tab", { name: t("members.add.tabs.people") }).press("ArrowRight");
    await expect(dialog.getByRole("tab", { name: t("members.add.tabs.departments") })).toBeFocused();
    await dialog.getByRole("checkbox", { name: new RegExp(`^${finance.name}\\b`) }).check();
    await dialog.getByRole("checkbox", { name: new RegExp(`^${culture.name}\\b`) }).check();
    const departmentsToAdd = finance.people.length + culture.people.length;
    await expect(dialog.getByText(toAdd(departmentsToAdd, 1), { exact: true })).toBeVisible();
    await expect(dialog.getByText(t("members.add.preview.places", { taken: 1, max: 80 }))).toBeVisible();
    await confirmAdd(dialog, t, departmentsToAdd, `${added(departmentsToAdd)} ${t("members.add.result.alreadyMembers", { count: 1 })}`);

    dialog = await openAddMembers(page, t, cohort);
    await dialog.getByRole("tab", { name: t("members.add.tabs.group") }).click();
    // The select holds the first matches of the search: typing part of the name finds it among thousands.
    await dialog.getByRole("searchbox", { name: t("groupSelect.search") }).fill(guild.slice(0, -2));
    await dialog
      .getByRole("combobox", { name: t("members.add.copy.label") })
      .selectOption({ label: t("groupSelect.option", { name: guild, count: engineering.people.length }) });
    await expect(dialog.getByText(toAdd(engineering.people.length), { exact: true })).toBeVisible();
    await expectAccessible(page);
    await confirmAdd(dialog, t, engineering.people.length, added(engineering.people.length));

    await expect(fact(page, t("group.members"))).toHaveText(
      t("groups.memberCountOfMax", { members: 1 + departmentsToAdd + engineering.people.length, max: 80 }),
    );
    await expect(page.getByRole("main").getByText(t("common.pageOf", { page: 1, pages: 2 }))).toBeVisible();
    await searchMembers(page, t, hugo.name);
    // Added today (the day the test started, should midnight pass meanwhile), by the admin, as the page says it.
    const addedByAdmin = [started, new Date()].map((date) =>
      literally(t("members.added", { source: "individual", actor: admin.name, date, label: "" })),
    );
    await expect(page.getByRole("row", { name: new RegExp(`^${literally(t("members.select", { name: hugo.name }))}`) })).toContainText(
      new RegExp(`(?:${addedByAdmin.join("|")})$`),
    );

    // Newest first: the copy and the departments on the first page, Hugo (added first) on the second.
    const history = (source: string, label = "") =>
      `${literally(t("history.kind.added"))} ${literally(admin.name)} ${literally(t("history.howAdded", { source, label }))}$`;
    await page.getByRole("link", { name: t("group.tabs.history") }).click();
    await expect(page.getByRole("heading", { name: t("history.title") })).toBeVisible();
    await expect(page.getByRole("row", { name: new RegExp(history("copy", guild)) }).first()).toBeVisible();
    await expect(page.getByRole("row", { name: new RegExp(history("department", finance.name)) }).first()).toBeVisible();
    await expectAccessible(page);
    await page
      .getByRole("navigation", { name: t("common.pagination") })
      .getByRole("link", { name: t("common.next") })
      .click();
    await expect(page.getByRole("main").getByText(t("common.pageOf", { page: 2, pages: 2 }))).toBeVisible();
    await expect(page.getByRole("row", { name: new RegExp(`${literally(hugo.name)} ${history("individual")}`) })).toBeVisible();
  });
}

// The tests below run in English, as Dana and the seeded admins read the product.
const english = sayIn("en");

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
  await searchMembers(page, english, hugo.name);
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
  await searchMembers(page, english, mover);
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
  await navigateTo(page, "Learning groups", english);
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
  await expect((await mainMenu(learnerPage, english)).getByRole("link", { name: "Learning groups" })).toHaveCount(0);
  // A marker that a reload would wipe: the notification must arrive without one.
  await learnerPage.evaluate(() => Object.assign(window, { __noReload: true }));

  const groupName = `Live Wave ${Date.now()}`;
  await page.goto("/");
  await createGroup(page, english, groupName);
  const dialog = await openAddMembers(page, english, groupName);
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
  await confirmAdd(dialog, english, 1, "Added 1 person.", { twice: true });
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
