import { randomUUID } from "node:crypto";
import type { WebSocketRoute } from "@playwright/test";
import { and, eq, sql } from "drizzle-orm";
import { groupChatState, groupReads, operations } from "@/db/schema";
import { postMessage } from "@/lib/chat/operations/post-message";
import { archiveGroup } from "@/lib/groups/operations/archive-group";
import { removeMembers } from "@/lib/membership/operations/remove-members";
import { markAllNotificationsRead } from "@/lib/notifications/operations/mark-all-notifications-read";
import { AppError } from "@/lib/errors";
import { deliver } from "@/lib/realtime/server";
import { chatLog as log, groupWith, joined, send } from "./support/chat";
import { findUser } from "./support/data";
import { expect, expectAccessible, test } from "./support/fixtures";
import { newPerson } from "./support/people";
import { LANGUAGES, type Say, sayIn } from "./support/say";

const en = sayIn("en");
const bellName = (t: Say, unread: number) => (unread === 0 ? t("notifications.bell") : t("notifications.bellUnread", { count: unread }));

// The German run once, on the desktop: the phone's layout is the English run's to check.
for (const language of LANGUAGES)
  test(`two people chat live; a mention notifies; a cut socket catches up exactly; removal ends the group for one${language === "en" ? " @learner" : ""} [${language}]`, async ({
    pageOf,
    db,
  }) => {
    // Two browsers, a real outage and a removal: longer than one page's flow on a busy machine.
    test.setTimeout(90_000);
    const t = sayIn(language);
    const personA = await newPerson(db, "Anton Chatter", { locale: language });
    const personB = await newPerson(db, "Berta Chatter", { locale: language });
    const run = randomUUID().slice(0, 8);
    const groupId = await groupWith(db, `Chat ${run}`, [personA, personB]);
    const otherGroupId = await groupWith(db, `Other ${run}`, [personB]);
    await markAllNotificationsRead(db, personA, { operationId: randomUUID() });
    await markAllNotificationsRead(db, personB, { operationId: randomUUID() });

    const pageA = await pageOf({ email: personA.email });
    const pageB = await pageOf({ email: personB.email });

    // B's sockets to soketi go through this route, so the test can really cut them.
    let soketiReachable = true;
    const openB: WebSocketRoute[] = [];
    await pageB.routeWebSocket(/:\d+\/app\//, (socket) => {
      if (!soketiReachable) return socket.close({ code: 4009, reason: "outage" });
      socket.connectToServer();
      openB.push(socket);
    });

    const chatUrl = `/groups/${groupId}?tab=chat`;
    const liveA = joined(pageA, groupId);
    const liveB = joined(pageB, groupId);
    await pageA.goto(chatUrl);
    await pageB.goto(chatUrl);
    await Promise.all([liveA, liveB]);
    await expect(pageA.getByRole("link", { name: t("chatTab.tab"), exact: true })).toHaveAttribute("aria-current", "page");
    await expect(log(pageB, t)).toContainText(t("chatTab.empty"));
    // A marker that a reload would wipe: everything B sees below must arrive without one.
    await pageB.evaluate(() => Object.assign(window, { __noReload: true }));

    // A posts; B sees it live, once; A's own copy is reconciled, never doubled.
    await send(pageA, "Hello from A", t);
    await expect(log(pageB, t).getByText("Hello from A")).toHaveCount(1);
    await expect(log(pageA, t).getByText("Hello from A")).toHaveCount(1);
    await send(pageA, "This one goes away", t);
    await expect(log(pageB, t).getByText("This one goes away")).toHaveCount(1);

    // B mentions A through the autocomplete, with the keyboard.
    const boxB = pageB.getByRole("textbox", { name: t("chatTab.composer.label") });
    await boxB.fill("Thanks @");
    await boxB.pressSequentially(personA.name);
    const suggestions = pageB.getByRole("listbox", { name: t("personPicker.suggestions") });
    await expect(suggestions.getByRole("option", { name: personA.name })).toBeVisible();
    // The best match comes first and nothing is chosen before the arrow keys move: ↓ takes A.
    await expect(suggestions.getByRole("option", { selected: true })).toHaveCount(0);
    await boxB.press("ArrowDown");
    await expect(suggestions.getByRole("option").first()).toHaveAccessibleName(personA.name);
    await expect(suggestions.getByRole("option", { name: personA.name, selected: true })).toHaveCount(1);
    await boxB.press("Enter");
    await expect(boxB).toHaveValue(`Thanks @[${personA.name}](${personA.id}) `);
    await boxB.pressSequentially("for the tip");
    await boxB.press("Enter");
    await expect(log(pageA, t).getByText("for the tip")).toHaveCount(1);
    const bellA = pageA.getByRole("button", { name: new RegExp(`^${t("notifications.bell")}`) });
    await expect(bellA).toHaveAccessibleName(bellName(t, 1));
    await bellA.click();
    const mention = t("notifications.types.chat.mention", {
      authorName: personB.name,
      groupName: `Chat ${run}`,
      excerpt: `Thanks @${personA.name} for the tip`,
    });
    await expect(pageA.getByText(mention)).toBeVisible();
    await bellA.click();
    await expectAccessible(pageA);

    // B's socket is cut for real; meanwhile A posts twice, edits one message and deletes another.
    soketiReachable = false;
    await Promise.all(openB.map((socket) => socket.close({ code: 4009, reason: "outage" })));
    const reconnecting = pageB.getByRole("status").filter({ hasText: t("realtime.reconnecting") });
    await expect(reconnecting).toBeVisible();
    await send(pageA, "Missed one", t);
    await send(pageA, "Missed two", t);
    const hello = log(pageA, t).getByRole("article").filter({ hasText: "Hello from A" });
    await hello.getByRole("button", { name: t("chatTab.more", { name: personA.name }) }).click();
    await pageA.getByRole("menuitem", { name: t("chatTab.edit.button") }).click();
    const editor = hello.getByRole("textbox", { name: t("chatTab.edit.label") });
    await editor.fill("Hello from A, edited");
    await editor.press("Enter");
    await expect(log(pageA, t).getByText("Hello from A, edited")).toBeVisible();
    const doomed = log(pageA, t).getByRole("article").filter({ hasText: "This one goes away" });
    await doomed.getByRole("button", { name: t("chatTab.more", { name: personA.name }) }).click();
    await pageA.getByRole("menuitem", { name: t("chatTab.delete.button") }).click();
    const confirm = pageA.getByRole("dialog", { name: t("chatTab.delete.title") });
    await confirm.getByRole("button", { name: t("chatTab.delete.confirm") }).click();
    await expect(confirm).toBeHidden();
    await expect(log(pageA, t).getByText("This one goes away")).toHaveCount(0);
    // B still shows the old state: nothing reached it.
    await expect(log(pageB, t).getByText("Hello from A", { exact: true })).toHaveCount(1);

    soketiReachable = true;
    await expect(reconnecting).toBeHidden({ timeout: 20_000 });
    const logB = log(pageB, t);
    await expect(logB.getByText("Missed two")).toHaveCount(1);
    await expect(logB.getByText("Missed one")).toHaveCount(1);
    await expect(logB.getByText("Hello from A, edited")).toHaveCount(1);
    await expect(logB.getByText("Hello from A", { exact: true })).toHaveCount(0);
    await expect(logB.getByText("This one goes away")).toHaveCount(0);
    await expect(logB.getByText(t("chatTab.deleted"))).toHaveCount(1);
    await expect(logB.getByText("for the tip")).toHaveCount(1);
    await expect(logB.getByRole("article")).toHaveCount(5);
    expect(await pageB.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    await expectAccessible(pageB);

    // The admin removes B: B loses this group (its page is gone) but keeps the bell and other groups.
    const admin = await findUser(db, "dana.admin@acme.example");
    await deliver(await removeMembers(db, admin, { groupId, userIds: [personB.id], operationId: randomUUID() }));
    const bellB = pageB.getByRole("button", { name: new RegExp(`^${t("notifications.bell")}`) });
    const notFound = pageB.getByRole("heading", { level: 1, name: t("errors.notFoundTitle") });
    await expect(notFound).toBeVisible();
    await pageB.reload();
    await expect(notFound).toBeVisible();
    await markAllNotificationsRead(db, personB, { operationId: randomUUID() });
    await pageB.reload();
    await expect(bellB).toHaveAccessibleName(bellName(t, 0));
    await deliver(
      await postMessage(db, admin, { groupId: otherGroupId, operationId: randomUUID(), kind: "note", body: "Still reaching you" }),
    );
    await expect(bellB).toHaveAccessibleName(bellName(t, 1));
    // The removal moved the group to a new realtime epoch: A's page follows it and misses nothing.
    await deliver(await postMessage(db, admin, { groupId, operationId: randomUUID(), kind: "note", body: "After the removal" }));
    await expect(log(pageA, t).getByText("After the removal")).toHaveCount(1);
    await send(pageA, "A, still here", t);
    await expect(log(pageA, t).getByText("A, still here")).toHaveCount(1);
    await expect(log(pageA, t).getByRole("article")).toHaveCount(7);
  });

test("questions get answers and are marked answered, praise stands out, a burst hits the rate limit, an archived chat is read-only @learner", async ({
  pageOf,
  db,
}) => {
  test.setTimeout(90_000);
  const personA = await newPerson(db, "Quinn Asker");
  const personB = await newPerson(db, "Rene Answerer");
  const name = `Questions ${randomUUID().slice(0, 8)}`;
  const groupId = await groupWith(db, name, [personA, personB]);
  // Waiting before A first opens the chat: an admin's note, marked as such, behind the "New messages" divider.
  const admin = await findUser(db, "dana.admin@acme.example");
  await deliver(await postMessage(db, admin, { groupId, operationId: randomUUID(), kind: "note", body: "Welcome, everyone" }));
  const pageA = await pageOf(personA);
  const pageB = await pageOf(personB);
  const liveA = joined(pageA, groupId);
  const liveB = joined(pageB, groupId);
  await pageA.goto(`/groups/${groupId}?tab=chat`);
  await pageB.goto(`/groups/${groupId}?tab=chat`);
  await Promise.all([liveA, liveB]);
  const divider = log(pageA, en).getByText("New messages", { exact: true });
  await expect(divider).toBeVisible();
  const welcome = log(pageA, en).getByRole("article").filter({ hasText: "Welcome, everyone" });
  await expect(welcome.getByText("Admin note")).toBeVisible();

  // A asks; B answers through the question's own button, which makes the reply an answer.
  const kindOf = (page: typeof pageA) => page.getByRole("radiogroup", { name: "Kind of message" });
  await kindOf(pageA).getByRole("radio", { name: "Question" }).check();
  await send(pageA, "Where are the slides?", en);
  const questionB = log(pageB, en).getByRole("article").filter({ hasText: "Where are the slides?" });
  await questionB.getByRole("button", { name: "Answer" }).click();
  await expect(pageB.getByText(`Replying to ${personA.name}`)).toBeVisible();
  await expect(kindOf(pageB).getByRole("radio", { name: "Answer" })).toBeChecked();
  await send(pageB, "In the **shared** folder", en);
  const replies = log(pageA, en).getByRole("list", { name: `Replies to ${personA.name}` });
  await expect(replies.getByRole("article")).toHaveCount(1);
  await expect(replies.locator("strong", { hasText: "shared" })).toBeVisible();

  // The asker marks it answered; B sees the mark live.
  const questionA = log(pageA, en).getByRole("article").filter({ hasText: "Where are the slides?" });
  await questionA.getByRole("button", { name: "Mark as answered" }).click();
  await expect(questionB.getByText("Answered", { exact: true })).toBeVisible();
  await expect(questionA.getByRole("button", { name: "Mark as answered" })).toHaveCount(0);

  // B praises A, picked with the keyboard.
  await kindOf(pageB).getByRole("radio", { name: "Praise" }).check();
  const colleague = pageB.getByRole("combobox", { name: "Colleague to praise" });
  await colleague.pressSequentially(personA.name);
  await expect(pageB.getByRole("option", { name: personA.name })).toBeVisible();
  await colleague.press("Enter");
  await send(pageB, "Great onboarding session!", en);
  const praise = log(pageA, en).getByRole("article").filter({ hasText: "Great onboarding session!" });
  await expect(praise.getByText(`Praise for ${personA.name}`)).toBeVisible();
  await expectAccessible(pageA);

  // Too large for a Pusher event (3,500 characters of three bytes each): it still reaches B, once.
  await send(pageA, `${"大".repeat(3500)} END-OF-LONG`, en);
  await expect(log(pageB, en).getByText("END-OF-LONG")).toHaveCount(1);
  await expect(log(pageA, en).getByText("END-OF-LONG")).toHaveCount(1);

  // A burst: B's messages land straight through the operation until the limit refuses one (the answer and
  // the praise count too; typed one by one, a slow machine could stretch them past the 10 s window). The
  // next one B types is refused, kept as a draft, and says why.
  const burst = async (index: number) => {
    try {
      await deliver(await postMessage(db, personB, { groupId, operationId: randomUUID(), kind: "note", body: `Burst ${index}` }));
      return true;
    } catch (error) {
      if (error instanceof AppError && error.code === "chat_rate_limited") return false;
      throw error;
    }
  };
  for (let index = 1; await burst(index); index++);
  await send(pageB, "Burst, one too many", en);
  const refused = log(pageB, en).getByRole("article").filter({ hasText: "Burst, one too many" });
  await expect(refused.getByRole("alert")).toContainText("You are sending messages too quickly");
  await expect(refused.getByRole("button", { name: "Try again" })).toBeVisible();
  await expect(log(pageA, en).getByText("Burst 1", { exact: true })).toHaveCount(1);
  await expect(log(pageA, en).getByText("Burst, one too many", { exact: true })).toHaveCount(0);

  // Archived: the chat stays readable, the composer goes, and a note says why.
  await deliver(await archiveGroup(db, admin, { groupId, operationId: randomUUID() }));
  await expect(pageA.getByText("This group is archived: its chat can be read")).toBeVisible();
  await expect(pageA.getByRole("textbox", { name: "Message" })).toHaveCount(0);
  await expect(log(pageA, en).getByText("Where are the slides?")).toBeVisible();
  await expect(questionA.getByRole("button", { name: "Answer" })).toHaveCount(0);
  await expectAccessible(pageA);
  // Opening the tab marked everything read: no divider on the next visit.
  await pageA.reload();
  await expect(log(pageA, en).getByText("Welcome, everyone")).toBeVisible();
  await expect(divider).toHaveCount(0);
});

test("a long chat opens at its newest page and loads older messages by cursor; an admin posts a note through the composer", async ({
  pageOf,
  db,
}) => {
  const reader = await newPerson(db, "Lou Reader");
  const groupId = await groupWith(db, `Long chat ${randomUUID().slice(0, 8)}`, [reader]);
  // 55 notes, two seconds apart an hour ago: under the rate limit, and older than one page of 50.
  const admin = await findUser(db, "dana.admin@acme.example");
  const start = Date.now() - 3_600_000;
  for (let index = 1; index <= 55; index++) {
    const body = `Note number ${index}`;
    await postMessage(db, admin, { groupId, operationId: randomUUID(), kind: "note", body }, { now: new Date(start + index * 2000) });
  }
  const page = await pageOf(reader);
  await page.goto(`/groups/${groupId}?tab=chat`);
  const messages = log(page, en).getByRole("article");
  await expect(messages).toHaveCount(50);
  await expect(messages.first()).toContainText("Note number 6");
  await expect(messages.last()).toContainText("Note number 55");
  await log(page, en).getByRole("button", { name: "Load older messages" }).click();
  await expect(messages).toHaveCount(55);
  await expect(messages.first()).toContainText("Note number 1");
  await expect(log(page, en).getByRole("button", { name: "Load older messages" })).toHaveCount(0);
  await expectAccessible(page);

  // The group's admin writes a note with the composer: it shows as an admin's note, to the learner too.
  const adminPage = await pageOf("dana");
  await adminPage.goto(`/groups/${groupId}?tab=chat`);
  await send(adminPage, "Please finish lesson 3 before Friday", en);
  const note = log(adminPage, en).getByRole("article").filter({ hasText: "Please finish lesson 3 before Friday" });
  await expect(note).toHaveCount(1);
  await expect(note.getByText("Admin note")).toBeVisible();
  await page.goto(`/groups/${groupId}?tab=chat`);
  await expect(
    log(page, en).getByRole("article").filter({ hasText: "Please finish lesson 3 before Friday" }).getByText("Admin note"),
  ).toBeVisible();
});

test("a long thread shows its newest replies and the earlier ones on request, page by page; a live reply joins it meanwhile", async ({
  pageOf,
  db,
}) => {
  const reader = await newPerson(db, "Theo Threadreader");
  const groupId = await groupWith(db, `Long thread ${randomUUID().slice(0, 8)}`, [reader]);
  // The reader's question and 55 replies, two seconds apart an hour ago (under the rate limit): a page of 50 earlier replies and then some.
  const admin = await findUser(db, "dana.admin@acme.example");
  const start = Date.now() - 3_600_000;
  const at = (index: number) => ({ now: new Date(start + index * 2000) });
  const { result: thread } = await postMessage(
    db,
    reader,
    { groupId, operationId: randomUUID(), kind: "question", body: "Who has read chapter 2?" },
    at(0),
  );
  for (let index = 1; index <= 55; index++) {
    const body = `Reply number ${index}`;
    await postMessage(db, admin, { groupId, operationId: randomUUID(), kind: "note", body, replyToId: thread.id }, at(index));
  }

  const page = await pageOf(reader);
  const live = joined(page, groupId);
  await page.goto(`/groups/${groupId}?tab=chat`);
  await live;
  const replies = log(page, en).getByRole("list", { name: `Replies to ${reader.name}` });
  await expect(replies.getByRole("article")).toHaveCount(3);
  await expect(replies.getByRole("article").first()).toContainText("Reply number 53");
  const showEarlier = replies.getByRole("button", { name: /earlier repl/ });
  await expect(showEarlier).toHaveText("Show 52 earlier replies");

  // A reply arriving live while the earlier ones are hidden shows at once, below the others.
  await deliver(
    await postMessage(db, admin, { groupId, operationId: randomUUID(), kind: "note", body: "Live reply", replyToId: thread.id }),
  );
  await expect(replies.getByRole("article").last()).toContainText("Live reply");
  await expect(showEarlier).toHaveText("Show 52 earlier replies");

  // With the keyboard; the first page of earlier replies is held back a moment, so its loading shows.
  // Actions are posted to the page's own address, whichever tab route the group opened on.
  await page.route(
    (url) => url.pathname.startsWith(`/groups/${groupId}`),
    async (route) => {
      if (route.request().method() === "POST" && route.request().postData()?.includes(thread.id))
        await new Promise((r) => setTimeout(r, 1000));
      await route.fallback();
    },
  );
  await showEarlier.focus();
  await page.keyboard.press("Enter");
  await expect(showEarlier).toHaveText("Loading earlier replies…");
  await expect(replies.getByRole("article")).toHaveCount(54);
  await expect(showEarlier).toHaveText("Show 2 earlier replies");
  await expect(replies.getByRole("article").nth(0)).toContainText("Reply number 3");
  await showEarlier.click();
  await expect(replies.getByRole("article")).toHaveCount(56);
  await expect(showEarlier).toHaveCount(0);
  await expect(replies.getByRole("article").first()).toContainText("Reply number 1");
  for (const body of ["Reply number 1", "Reply number 3", "Reply number 53", "Live reply"]) {
    await expect(replies.getByText(body, { exact: true })).toHaveCount(1);
  }
  await expectAccessible(page);
});

test("a double click on an edit's Save edits the message once @learner", async ({ pageOf, db }) => {
  const author = await newPerson(db, "Edda Editor");
  const groupId = await groupWith(db, `Edit once ${randomUUID().slice(0, 8)}`, [author]);
  const { result: posted } = await postMessage(db, author, { groupId, operationId: randomUUID(), kind: "note", body: "First draft" });
  const lastSeq = async () =>
    (await db.select({ seq: groupChatState.lastSeq }).from(groupChatState).where(eq(groupChatState.groupId, groupId)))[0]!.seq;
  const before = Number(await lastSeq());

  const page = await pageOf(author);
  await page.goto(`/groups/${groupId}?tab=chat`);
  const message = log(page, en).getByRole("article").filter({ hasText: author.name });
  await message.getByRole("button", { name: `More actions for ${author.name}'s message` }).click();
  await page.getByRole("menuitem", { name: "Edit" }).click();
  await message.getByRole("textbox", { name: "Edit your message" }).fill("Second draft");
  await message.getByRole("button", { name: "Save" }).dblclick();
  await expect(message.getByText("Second draft")).toBeVisible();
  await expect(message.getByText("(edited)")).toBeVisible();

  // One edit: one more sequence number for the group, one edit operation of the message's.
  expect(Number(await lastSeq())).toBe(before + 1);
  const edits = await db
    .select({ id: operations.id })
    .from(operations)
    .where(and(eq(operations.actorId, author.id), eq(operations.kind, "chat.edit"), sql`${operations.result}->>'id' = ${posted.id}`));
  expect(edits).toHaveLength(1);
});

test("the chat fills the window with the composer in view, opens at the unread, jumps to the latest, and shows a message's actions on hover or focus", async ({
  pageOf,
  db,
}) => {
  const reader = await newPerson(db, "Vera Viewport");
  const writer = await newPerson(db, "Walt Writer");
  const groupId = await groupWith(db, `Viewport ${randomUUID().slice(0, 8)}`, [reader, writer]);
  // 40 notes of a colleague's, two seconds apart an hour ago (under the rate limit), and one of the
  // reader's; the reader has read up to the 10th.
  const start = Date.now() - 3_600_000;
  const at = (index: number) => ({ now: new Date(start + index * 2000) });
  for (let index = 1; index <= 40; index++) {
    await postMessage(db, writer, { groupId, operationId: randomUUID(), kind: "note", body: `Note number ${index}` }, at(index));
  }
  await postMessage(db, reader, { groupId, operationId: randomUUID(), kind: "note", body: "My own note" }, at(41));
  const readUpTo = new Date(start + 10 * 2000 + 500);
  await db
    .insert(groupReads)
    .values({ userId: reader.id, groupId, companyId: reader.companyId, lastReadAt: readUpTo })
    .onConflictDoUpdate({ target: [groupReads.userId, groupReads.groupId], set: { lastReadAt: readUpTo } });

  const page = await pageOf(reader);
  await page.setViewportSize({ width: 1366, height: 768 });
  const composer = page.getByRole("textbox", { name: "Message" });
  const inWindow = async (height: number) => {
    const box = await composer.boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.height).toBeLessThanOrEqual(height);
  };
  await page.goto(`/groups/${groupId}/chat`);
  // Opened where the unread starts, the composer docked in the window; the newest is further down.
  await expect(log(page, en).getByText("New messages", { exact: true })).toBeInViewport();
  await expect(log(page, en).getByRole("article").filter({ hasText: "Note number 11" })).toBeInViewport();
  await inWindow(768);
  const jump = page.getByRole("button", { name: "Jump to latest" });
  await jump.click();
  await expect(log(page, en).getByText("My own note")).toBeInViewport();
  await expect(jump).toHaveCount(0);
  await inWindow(768);

  // A message's actions show on hover, and on focus for the keyboard, whose "⋯" menu opens with the arrow keys.
  await page.mouse.move(1, 1);
  const note = log(page, en).getByRole("article").filter({ hasText: "Note number 40" });
  const noteActions = note.getByRole("group", { name: /^Actions for/ });
  await expect(noteActions).toHaveCSS("opacity", "0");
  await note.hover();
  await expect(noteActions).toHaveCSS("opacity", "1");
  await page.mouse.move(1, 1);
  const mine = log(page, en).getByRole("article").filter({ hasText: "My own note" });
  const mineActions = mine.getByRole("group", { name: /^Actions for/ });
  await expect(mineActions).toHaveCSS("opacity", "0");
  const more = mine.getByRole("button", { name: `More actions for ${reader.name}'s message` });
  await more.focus();
  await expect(mineActions).toHaveCSS("opacity", "1");
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("menuitem", { name: "Delete" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("menu")).toHaveCount(0);
  await expect(more).toBeFocused();
  await expectAccessible(page);

  // On a phone the chat opens at the newest (read now) with the composer in the window too.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(log(page, en).getByText("My own note")).toBeInViewport();
  await expect(log(page, en).getByText("New messages", { exact: true })).toHaveCount(0);
  await inWindow(844);
});
