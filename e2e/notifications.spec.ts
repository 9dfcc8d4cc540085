import { randomUUID } from "node:crypto";
import { mentionToken } from "@/lib/chat/mentions";
import { postMessage } from "@/lib/chat/operations/post-message";
import { terminateUserConnections } from "@/lib/realtime/server";
import { createGroup } from "@/tests/fixtures";
import { notifyAddedToGroup } from "./support/data";
import { E2E_SIGNIN_TIMEOUT_MS } from "./support/env";
import { expect, expectAccessible, test } from "./support/fixtures";
import { newPerson, type Person } from "./support/people";
import { sayIn } from "./support/say";

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

test("a notification opens what it is about, highlighted, and is read; several answers read as one line @learner", async ({
  pageOf,
  db,
}) => {
  const t = sayIn("en");
  const mia = await newPerson(db, "Mia Asker");
  const kai = await newPerson(db, "Kai Answerer");
  const group = await createGroup(db, kai, { name: `Questions ${randomUUID().slice(0, 6)}`, members: [mia, kai] });
  const post = async (person: Person, body: string, replyToId?: string, kind: "question" | "answer" | "note" = "note") =>
    (await postMessage(db, person, { groupId: group.id, kind, body, replyToId, operationId: randomUUID() })).result;
  const question = await post(mia, "Where do I find the travel policy?", undefined, "question");
  // The mention is the oldest reply: the thread shows only its newest three until it is opened.
  const mention = await post(kai, `${mentionToken(mia.name, mia.id)} it is on the intranet, first page`, question.id);
  const answers = [];
  for (const body of ["Under Policies", "Or ask HR", "The 2026 one", "Page 3"]) answers.push(await post(kai, body, question.id, "answer"));

  const page = await pageOf(mia);
  await page.goto("/");
  await page.getByRole("button", { name: new RegExp(`^${t("notifications.bell")}`) }).click();
  const panel = page.getByRole("region", { name: t("notifications.title") });
  const values = { groupName: group.name, authorName: kai.name };
  const answersLine = panel.getByRole("link", { name: t("notifications.grouped.answer", { ...values, count: 4, excerpt: "Page 3" }) });
  await expect(answersLine).toBeVisible();
  const mentionLine = panel.getByRole("link", {
    name: t("notifications.types.chat.mention", { ...values, excerpt: `@${mia.name} it is on the intranet, first page` }),
  });
  await expectAccessible(page);

  // The mention opens its message: the thread's earlier replies loaded, the message in view, highlighted, focused.
  await mentionLine.click();
  await page.waitForURL(`**/groups/${group.id}/chat?message=${mention.id}`);
  const linked = page.locator(`#message-${mention.id}`);
  await expect(linked).toHaveAttribute("aria-current", "true");
  await expect(linked).toBeFocused();
  await expect(linked).toBeInViewport();
  await expect(page.locator(`#message-${answers[0]!.id}`)).toBeVisible();
  await expectAccessible(page);

  // Opening read it; the answers' one line reads all four and opens the newest.
  await page.getByRole("button", { name: new RegExp(`^${t("notifications.bell")}`) }).click();
  await expect(mentionLine).toBeVisible();
  await expect(panel.getByRole("button", { name: t("notifications.markRead") })).toHaveCount(1);
  await answersLine.click();
  await page.waitForURL(`**/groups/${group.id}/chat?message=${answers[3]!.id}`);
  await expect(page.locator(`#message-${answers[3]!.id}`)).toHaveAttribute("aria-current", "true");
  await page.getByRole("button", { name: new RegExp(`^${t("notifications.bell")}`) }).click();
  await expect(panel.getByRole("link", { name: t("notifications.types.chat.answer", { ...values, excerpt: "Page 3" }) })).toBeVisible();
  await expect(panel.getByRole("button", { name: t("notifications.markRead") })).toHaveCount(0);
});
