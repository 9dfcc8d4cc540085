import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { setGroupLevel } from "@/lib/notifications/settings/operations/set-group-level";
import { markAllNotificationsRead } from "@/lib/notifications/operations/mark-all-notifications-read";
import { chatLog, groupWith, joined, send } from "./support/chat";
import { notifyAddedToGroup } from "./support/data";
import { expect, expectAccessible, test } from "./support/fixtures";
import { newPerson } from "./support/people";
import { startSoketi, stopSoketi } from "./support/outage";
import { sayIn } from "./support/say";

const OUTAGE_MS = 6000;
const en = sayIn("en");
const banner = (page: Page) => page.getByRole("status").filter({ hasText: "Reconnecting" });

// Runs in the "outage" project, alone: stopping the shared soketi would cut every other spec's pages.
test("soketi stops for 6 s and starts again: every page says so, then catches up exactly, the chat of a sender, a silent reader and a reader who posted meanwhile, and the bell", async ({
  pageOf,
  db,
}) => {
  test.setTimeout(90_000);
  const [sender, silent, poster] = [
    await newPerson(db, "Sid Sender"),
    await newPerson(db, "Sol Silent"),
    await newPerson(db, "Pia Poster"),
  ];
  const groupId = await groupWith(db, `Outage ${randomUUID().slice(0, 8)}`, [sender, silent, poster]);
  // Being added to the group notified them: the bell starts at nought; the chat's messages do not ring it.
  await setGroupLevel(db, silent, { groupId, level: "mentions", operationId: randomUUID() });
  await markAllNotificationsRead(db, silent, { operationId: randomUUID() });

  const pages: Record<"sender" | "silent" | "poster", Page> = { sender: null!, silent: null!, poster: null! };
  await Promise.all(
    (Object.keys(pages) as (keyof typeof pages)[]).map(async (who) => {
      const page = await pageOf({ sender, silent, poster }[who]);
      const live = joined(page, groupId);
      await page.goto(`/groups/${groupId}?tab=chat`);
      await live;
      pages[who] = page;
    }),
  );
  const all = Object.values(pages);
  const bell = pages.silent.getByRole("button", { name: /^Notifications/ });
  await expect(bell).toHaveAccessibleName("Notifications");
  await send(pages.sender, "Before the outage", en);
  for (const page of all) await expect(chatLog(page, en).getByText("Before the outage")).toHaveCount(1);
  for (const page of all) await expect(banner(page)).toBeHidden();

  const stoppedAt = Date.now();
  await stopSoketi();
  for (const page of all) await expect(banner(page)).toBeVisible();
  await expectAccessible(pages.silent);
  // Meanwhile the sender posts, then the other reader, then the sender again (in that order, so each
  // poster's own copy is above a message of the other's), and the silent reader gets a notification:
  // all committed, none published.
  await send(pages.sender, "Sender during the outage, first", en);
  await expect(chatLog(pages.sender, en).getByRole("article").filter({ hasText: "Sender during the outage, first" })).toHaveCount(1);
  await send(pages.poster, "Posted during the outage", en);
  await expect(chatLog(pages.poster, en).getByRole("article").filter({ hasText: "Posted during the outage" })).toHaveCount(1);
  await send(pages.sender, "Sender during the outage, second", en);
  await notifyAddedToGroup(db, silent, "Missed While Offline");
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, stoppedAt + OUTAGE_MS - Date.now())));
  await startSoketi();

  for (const page of all) await expect(banner(page)).toBeHidden({ timeout: 20_000 });
  // Each page resynced from the last sequence it held without a gap: every message once, in order.
  const expected = ["Before the outage", "Sender during the outage, first", "Posted during the outage", "Sender during the outage, second"];
  for (const page of all) {
    await expect(chatLog(page, en).getByRole("article")).toHaveCount(expected.length);
    for (const text of expected) await expect(chatLog(page, en).getByText(text, { exact: true })).toHaveCount(1);
  }
  await expect(bell).toHaveAccessibleName("Notifications, 1 unread");
  await bell.click();
  await expect(pages.silent.getByText("Dana Admin added you to the group “Missed While Offline”.")).toBeVisible();
});
