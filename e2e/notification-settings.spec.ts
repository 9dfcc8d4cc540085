import { randomUUID } from "node:crypto";
import { and, eq, like } from "drizzle-orm";
import type { Database } from "@/db/client";
import { notifications } from "@/db/schema";
import { DEMO_PASSWORD } from "@/scripts/seed/accounts";
import { hashPassword } from "@/lib/auth/password";
import { postMessage } from "@/lib/chat/operations/post-message";
import { deliver } from "@/lib/realtime/server";
import { createCompany, createGroup, createPerson, type TestPerson } from "@/tests/fixtures";
import { expect, expectAccessible, signInAs, test } from "./support/fixtures";

/** B posts through the chat's own service, then what it committed is published, as the chat action does. */
async function post(db: Database, author: TestPerson, groupId: string, body: string) {
  const { result, ...delivery } = await postMessage(db, author, { groupId, operationId: randomUUID(), kind: "note", body });
  await deliver(delivery);
  return result;
}

const chatNotificationsOf = (db: Database, person: TestPerson) =>
  db
    .select({ payload: notifications.payload })
    .from(notifications)
    .where(and(eq(notifications.userId, person.id), like(notifications.type, "chat.%")));

test("a group set to Nothing shows nothing of its chat in the bell; set to All its line counts what is unread @learner", async ({
  page,
  db,
}) => {
  const suffix = randomUUID().slice(0, 6);
  const company = await createCompany(db, `Quietwell ${suffix}`);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const person = (name: string, roles: "admin"[] = []) =>
    createPerson(db, company.id, {
      name: `${name} ${suffix}`,
      email: `${name.toLowerCase()}.${suffix}@quietwell.example`,
      roles,
      passwordHash,
    });
  const admin = await person("Ada", ["admin"]);
  const a = await person("Anna");
  const b = await person("Ben");
  const group = await createGroup(db, admin, { name: `Night shift ${suffix}`, members: [a, b] });

  await signInAs(page, a.email);
  await page.goto(`/groups/${group.id}`);
  const settings = page.getByRole("group", { name: "Notify me about this group's chat" });
  const bell = page.getByRole("button", { name: /^Notifications/ });
  // The setting lives behind the group header's button, not under the tab.
  const menuButton = page.getByRole("button", { name: /^Chat notifications/ });
  await expect(menuButton).toHaveAccessibleName("Chat notifications: All");
  await expect(settings).toHaveCount(0);
  await menuButton.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Chat notifications" });
  await expect(dialog.getByRole("radio", { name: /^All messages/ })).toBeChecked();
  await dialog.getByRole("radio", { name: /^Nothing/ }).check();
  await expect(dialog.getByText("Saved: Nothing.")).toBeVisible();
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog).toBeHidden();
  await expect(menuButton).toHaveAccessibleName("Chat notifications: Off");
  await expect(menuButton).toBeFocused();

  await post(db, b, group.id, "Is anyone awake?");
  await page.reload();
  await menuButton.click();
  await expect(settings.getByRole("radio", { name: /^Nothing/ })).toBeChecked();
  await expect(bell).toHaveAccessibleName("Notifications");
  await settings.getByRole("radio", { name: /^All messages/ }).check();
  await expect(settings.getByText("Saved: All messages.")).toBeVisible();
  await dialog.getByRole("button", { name: "Done" }).click();
  // The line counts the chat's unread at the level now: the message from before counts too.
  await expect(bell).toHaveAccessibleName("Notifications, 1 unread");

  await post(db, b, group.id, "Coffee is ready.");
  await expect(bell).toHaveAccessibleName("Notifications, 2 unread");
  // Plain messages are no one's own notification: the bell derives its line from the chat.
  expect(await chatNotificationsOf(db, a)).toEqual([]);
  await bell.click();
  const panel = page.getByRole("region", { name: "Notifications", exact: true });
  const line = panel.getByRole("link", { name: new RegExp(`^2 new messages in “Night shift ${suffix}”`) });
  await expect(line).toContainText(`Latest: Ben ${suffix}: Coffee is ready.`);
  await expectAccessible(page);
  await line.click();
  await expect(page).toHaveURL(new RegExp(`/groups/${group.id}/chat$`));
  // Reading the chat empties the line.
  await expect(bell).toHaveAccessibleName("Notifications");
});

test("the profile sets the default level that groups without their own setting follow @learner", async ({ page, db }) => {
  const suffix = randomUUID().slice(0, 6);
  const company = await createCompany(db, `Defaultwell ${suffix}`);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const admin = await createPerson(db, company.id, {
    roles: ["admin"],
    name: `Ada ${suffix}`,
    email: `ada.${suffix}@defaultwell.example`,
    passwordHash,
  });
  const a = await createPerson(db, company.id, { name: `Anna ${suffix}`, email: `anna.${suffix}@defaultwell.example`, passwordHash });
  const group = await createGroup(db, admin, { members: [a] });

  await signInAs(page, a.email);
  await page.goto("/profile");
  const defaults = page.getByRole("group", { name: "Default for your groups" });
  await defaults.getByRole("radio", { name: /^Only mentions and admins' notes/ }).check();
  await expect(defaults.getByText("Saved: Only mentions and admins' notes.")).toBeVisible();
  await expectAccessible(page);

  await page.goto(`/groups/${group.id}`);
  await page.getByRole("button", { name: /^Chat notifications/ }).click();
  const settings = page
    .getByRole("dialog", { name: "Chat notifications" })
    .getByRole("group", { name: "Notify me about this group's chat" });
  await expect(settings.getByRole("radio", { name: /^Only mentions and admins' notes/ })).toBeChecked();
  await expect(settings).toContainText("your default applies: Only mentions and admins' notes");
});
