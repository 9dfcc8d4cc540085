import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { auditLog } from "@/db/schema";
import { createGroup } from "@/lib/groups/operations/create-group";
import { addMembers } from "@/lib/membership/operations/add-members";
import { expect, test } from "./support/fixtures";
import { newPerson, type Person } from "./support/people";
import { sayIn } from "./support/say";

// Every mutation says what happened in a toast (the live region at the foot of the screen); an
// archive and a removal offer their inverse operation, run as itself.
const t = sayIn("en");

/** An admin of the test's own, with a group of theirs holding one member. */
async function adminWithGroup(db: Database, label: string, visibility: "private" | "public" = "private") {
  const admin = await newPerson(db, `${label} Admin`, { roles: ["admin"] });
  const member = await newPerson(db, `${label} Member`);
  const name = `${label} ${randomUUID().slice(0, 8)}`;
  const ctx = { companyId: admin.companyId, userId: admin.id, roles: ["admin" as const], actor: { kind: "user" as const } };
  const { result } = await createGroup(db, ctx, {
    name,
    description: "",
    courseId: null,
    maxMembers: null,
    visibility,
    operationId: randomUUID(),
  });
  await addMembers(db, ctx, { groupId: result.groupId, selection: { mode: "people", userIds: [member.id] }, operationId: randomUUID() });
  return { admin, member, group: { id: result.groupId, name } };
}

const toasts = (page: Page) => page.getByRole("status").filter({ has: page.getByRole("listitem") });

async function groupPage(pageOf: (who: Person) => Promise<Page>, admin: Person, groupId: string, { clock = false } = {}) {
  const page = await pageOf(admin);
  // A clock of the test's (time flows as usual until it is fast-forwarded), to see a toast's timer.
  if (clock) await page.clock.install();
  await page.goto(`/groups/${groupId}/members`);
  return page;
}

test("archiving a group says so in a toast inside a phone's screen, and Undo restores it as Restore does", async ({ pageOf, db }) => {
  const { admin, group } = await adminWithGroup(db, "Undo Archive");
  const page = await groupPage(pageOf, admin, group.id, { clock: true });
  await page.setViewportSize({ width: 390, height: 844 });

  // Closing asks first; Escape leaves the group as it was, and focus goes back to the button.
  const closeButton = page.getByRole("button", { name: t("group.close.button") });
  await closeButton.click();
  const close = page.getByRole("dialog", { name: t("group.close.title", { name: group.name }) });
  await page.keyboard.press("Escape");
  await expect(close).toBeHidden();
  await expect(closeButton).toBeFocused();
  await expect(page.getByRole("button", { name: t("members.addButton") })).toBeVisible();

  await closeButton.click();
  await close.getByRole("button", { name: t("group.close.archive.confirm") }).click();
  const archived = toasts(page)
    .getByRole("listitem")
    .filter({ hasText: t("toast.group.archived", { name: group.name }) });
  await expect(archived).toBeVisible();
  await expect(page.getByRole("button", { name: t("group.restore.button") })).toBeVisible();
  const box = (await archived.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  expect(box.y + box.height).toBeLessThanOrEqual(844);

  await archived.getByRole("button", { name: t("toast.undo") }).click();
  const restoredToast = toasts(page)
    .getByRole("listitem")
    .filter({ hasText: t("toast.group.restored", { name: group.name }) });
  await expect(restoredToast).toBeVisible();
  await expect(page.getByRole("button", { name: t("members.addButton") })).toBeVisible();
  await expect(page.getByRole("button", { name: t("group.restore.button") })).toHaveCount(0);
  // The undo was the restore operation, by the admin, with its own record.
  const restored = and(eq(auditLog.action, "group.restored"), eq(auditLog.targetId, group.id), eq(auditLog.actorId, admin.id));
  expect(await db.$count(auditLog, restored)).toBe(1);

  // A toast goes by itself after a few seconds, but not while the pointer rests on it.
  await restoredToast.hover();
  await page.clock.runFor(20_000);
  await expect(restoredToast).toBeVisible();
  await page.mouse.move(0, 0);
  await page.clock.runFor(20_000);
  await expect(restoredToast).toBeHidden();
});

test("removing a member says so, and Add back adds them again with the group's history to show", async ({ pageOf, db }) => {
  const { admin, member, group } = await adminWithGroup(db, "Add Back", "public");
  const page = await groupPage(pageOf, admin, group.id);

  // Making a public group private asks first, saying what it means; Back keeps the dialog and changes nothing.
  await page.getByRole("button", { name: t("group.edit.button") }).click();
  const edit = page.getByRole("dialog", { name: t("group.edit.title", { name: group.name }) });
  await edit.getByRole("radio", { name: new RegExp(`^${t("groups.form.private")}`) }).check();
  await edit.getByRole("button", { name: t("group.edit.save") }).click();
  await expect(edit.getByRole("heading", { name: t("group.edit.privateTitle") })).toBeVisible();
  await expect(edit).toContainText(t("group.edit.privateBody"));
  await edit.getByRole("button", { name: t("group.edit.back") }).click();
  await expect(edit.getByRole("heading", { name: t("group.edit.privateTitle") })).toHaveCount(0);
  await edit.getByRole("button", { name: t("group.edit.save") }).click();
  await edit.getByRole("button", { name: t("group.edit.privateConfirm") }).click();
  await expect(edit).toBeHidden();
  await expect(toasts(page).getByText(t("toast.group.updated", { name: group.name }))).toBeVisible();

  await page.getByRole("checkbox", { name: t("members.select", { name: member.name }) }).check();
  await page.getByRole("button", { name: t("members.remove.button") }).click();
  const remove = page.getByRole("dialog", { name: t("members.remove.title", { count: 1, name: group.name }) });
  // Cancel changes nothing.
  await remove.getByRole("button", { name: t("common.cancel") }).click();
  await expect(remove).toBeHidden();
  await expect(page.getByRole("checkbox", { name: t("members.select", { name: member.name }) })).toBeChecked();

  await page.getByRole("button", { name: t("members.remove.button") }).click();
  await remove.getByRole("button", { name: t("members.remove.confirm", { count: 1 }) }).click();
  const removed = toasts(page)
    .getByRole("listitem")
    .filter({ hasText: t("members.remove.done", { count: 1 }) });
  await expect(removed).toBeVisible();
  await expect(page.getByRole("checkbox", { name: t("members.select", { name: member.name }) })).toHaveCount(0);

  await removed.getByRole("button", { name: t("toast.members.addBack") }).click();
  const addedBack = toasts(page)
    .getByRole("listitem")
    .filter({ hasText: t("toast.members.addedBack", { count: 1, name: group.name }) });
  await expect(addedBack).toBeVisible();
  await expect(page.getByRole("checkbox", { name: t("members.select", { name: member.name }) })).toBeVisible();
  await addedBack.getByRole("button", { name: t("toast.close") }).click();
  await expect(addedBack).toBeHidden();

  await page.getByRole("link", { name: t("group.tabs.history") }).click();
  const rows = page.getByRole("row", { name: new RegExp(member.name) });
  await expect(rows.filter({ hasText: t("history.kind.removed") })).toHaveCount(1);
  await expect(rows.filter({ hasText: t("history.kind.added") })).toHaveCount(2);
});
