import type { WebSocketRoute } from "@playwright/test";
import { markAllNotificationsRead } from "@/lib/notifications/service";
import { findSpareLearner, notifyAddedToGroup } from "./support/data";
import { expect, expectAccessible, signIn, test } from "./support/fixtures";

test("while realtime is down the page says so, and catches up when it is back @learner", async ({ page, db }, testInfo) => {
  const person = await findSpareLearner(db, testInfo.project.name === "mobile" ? 1 : 0);
  await markAllNotificationsRead(db, person);

  // Every socket to soketi goes through this route, so the test can cut it and refuse new ones.
  let soketiReachable = true;
  const open: WebSocketRoute[] = [];
  await page.routeWebSocket(/:\d+\/app\//, (socket) => {
    if (!soketiReachable) return socket.close({ code: 4009, reason: "outage" });
    socket.connectToServer();
    open.push(socket);
  });

  await signIn(page, person.email);
  const bell = page.getByRole("button", { name: /^Notifications/ });
  const banner = page.getByRole("status").filter({ hasText: "Reconnecting" });
  await expect(bell).toHaveAccessibleName("Notifications");
  await expect(banner).toBeHidden();

  soketiReachable = false;
  await Promise.all(open.map((socket) => socket.close({ code: 4009, reason: "outage" })));
  await expect(banner).toBeVisible();
  await expectAccessible(page);

  // Published while the page has no socket: this event is lost in transit, as in real life.
  await notifyAddedToGroup(db, person, "Missed While Offline");
  soketiReachable = true;
  await expect(banner).toBeHidden({ timeout: 20_000 });
  // The resync after re-subscribing fetched what the socket missed.
  await expect(bell).toHaveAccessibleName("Notifications, 1 unread");
  await bell.click();
  await expect(page.getByText("Dana Admin added you to the group “Missed While Offline”.")).toBeVisible();
});
