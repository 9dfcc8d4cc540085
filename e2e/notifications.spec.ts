import { terminateUserConnections } from "@/lib/realtime/server";
import { notifyAddedToGroup } from "./support/data";
import { E2E_SIGNIN_TIMEOUT_MS } from "./support/env";
import { expect, expectAccessible, test } from "./support/fixtures";
import { newPerson } from "./support/people";

const bellName = (unread: number) => (unread === 0 ? "Notifications" : `Notifications, ${unread} unread`);

test("notifications arrive live, after the sign-in timeout and after a terminated connection @learner", async ({ pageOf, db }) => {
  // A person of the test's own, so no other test counts the same notifications; two browsers of theirs.
  const person = await newPerson(db, "Nele Notified");
  const pageA = await pageOf(person);
  const pageB = await pageOf(person);
  // Counting sockets shows what really happened: no reconnect after the sign-in timeout (so
  // sign-in worked), exactly one after the server ended the connections.
  let socketsA = 0;
  pageA.on("websocket", () => socketsA++);
  await pageA.goto("/");
  await pageB.goto("/");
  const bellA = pageA.getByRole("button", { name: /^Notifications/ });
  const bellB = pageB.getByRole("button", { name: /^Notifications/ });
  await expect(bellA).toHaveAccessibleName(bellName(0));
  await expect(bellB).toHaveAccessibleName(bellName(0));
  // A marker that a reload would wipe: everything below must arrive without one.
  await pageA.evaluate(() => Object.assign(window, { __noReload: true }));

  await notifyAddedToGroup(db, person, "Live Group One");
  await expect(bellA).toHaveAccessibleName(bellName(1));
  await expect(bellB).toHaveAccessibleName(bellName(1));

  // Past soketi's sign-in timeout: a client that never signed in would have been dropped by now.
  await pageA.waitForTimeout(E2E_SIGNIN_TIMEOUT_MS + 1500);
  await notifyAddedToGroup(db, person, "Live Group Two");
  await expect(bellA).toHaveAccessibleName(bellName(2));
  expect(socketsA).toBe(1);

  // The server ends this person's connections (as removal from a group will): the client
  // reconnects, signs in, re-subscribes, and fetches what it missed meanwhile.
  await terminateUserConnections(person.id);
  await notifyAddedToGroup(db, person, "Live Group Three");
  await expect(bellA).toHaveAccessibleName(bellName(3));
  await expect(bellB).toHaveAccessibleName(bellName(3));
  await notifyAddedToGroup(db, person, "Live Group Four");
  await expect(bellA).toHaveAccessibleName(bellName(4));
  expect(socketsA).toBe(2);

  await bellA.click();
  const panel = pageA.getByRole("region", { name: "Notifications" });
  await expect(panel.getByText("Dana Admin added you to the group “Live Group Four”.")).toBeVisible();
  await expect(panel.getByText("Dana Admin added you to the group “Live Group Three”.")).toBeVisible();
  await expectAccessible(pageA);
  await panel.getByRole("button", { name: "Mark all as read" }).click();
  await expect(bellA).toHaveAccessibleName(bellName(0));
  // The other tab follows.
  await expect(bellB).toHaveAccessibleName(bellName(0));
  expect(await pageA.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
});
