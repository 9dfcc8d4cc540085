import { randomUUID } from "node:crypto";
import Pusher from "pusher";
import { postMessage } from "@/lib/chat/operations/post-message";
import { resolveTargets } from "@/lib/realtime/channels";
import { currentEpochs } from "@/lib/realtime/epochs";
import { planCalls } from "@/lib/realtime/server";
import { testPorts, testPusher } from "@/tests/ports";
import { chatLog, groupWith } from "../support/chat";
import { findUser } from "../support/data";
import { DEV_SKIPPED_HEADER, devBaseUrl } from "../support/env";
import { expect, test } from "../support/fixtures";
import { newPerson } from "../support/people";
import { sayIn } from "../support/say";
import { untilAnswers } from "../support/web-server";
import { DEMO_PASSWORD } from "@/scripts/seed/accounts";

/** The dev server's own soketi: what `deliver` does in the app, sent there. */
const devSoketi = new Pusher({ ...testPusher, host: "127.0.0.1", port: String(testPorts.devSoketi), useTLS: false });

/**
 * `next dev` runs every effect twice on mount. A page part that subscribed while the socket was up
 * unsubscribed and subscribed again at once, and the second subscription used to take the first,
 * still pending and cancelled, which pusher-js then dropped: the chat stopped being live (3 fresh
 * loads in 4). Each load here checks that a message posted after the page subscribed arrives live.
 */
test("the chat stays live in next dev, load after load", async ({ page, db }) => {
  // The first request of each page compiles it; the server may still be starting (e2e/support/servers.ts).
  test.setTimeout(180_000);
  const health = await untilAnswers(devBaseUrl, 60_000);
  test.skip(health.headers.get(DEV_SKIPPED_HEADER) === "1", "npm run dev runs in this checkout");
  const [reader, author] = [await newPerson(db, "Dev Reader"), await newPerson(db, "Dev Author")];
  const groupName = `Dev chat ${randomUUID().slice(0, 8)}`;
  const groupId = await groupWith(db, groupName, [reader, author]);
  // Signs in as `signIn` does, with room for the first compiles.
  await page.goto("/sign-in", { timeout: 90_000 });
  await page.getByLabel("Work email").fill(reader.email);
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Welcome/ })).toBeVisible({ timeout: 90_000 });
  // The page's socket frames: when its subscription to the group succeeded, and whether it then left.
  const frames: string[] = [];
  page.on("websocket", (socket) => {
    socket.on("framereceived", ({ payload }) => frames.push(`in ${String(payload)}`));
    socket.on("framesent", ({ payload }) => frames.push(`out ${String(payload)}`));
  });
  const joined = (channel: string) => () =>
    frames.some((f) => f.startsWith("in ") && f.includes("subscription_succeeded") && f.includes(channel));

  for (let load = 1; load <= 3; load++) {
    frames.length = 0;
    // A fresh page whose socket is up (the bell's channel joined) before the group page mounts: the
    // group's subscription is then sent at once and still pending when the double-run effect ends it.
    await page.goto("/groups");
    await expect.poll(joined(`private-user-${reader.id}`), { timeout: 60_000 }).toBe(true);
    await page.getByRole("link", { name: groupName }).click();
    await page.getByRole("link", { name: "Chat", exact: true }).click();
    await expect(chatLog(page, sayIn("en"))).toBeVisible({ timeout: 60_000 });
    await expect.poll(joined(`private-group-${groupId}`), { timeout: 30_000 }).toBe(true);
    // What pusher-js does with a cancelled subscription once it succeeds: it leaves at once.
    await page.waitForTimeout(300);
    expect(
      frames.filter((f) => f.startsWith("out ") && f.includes("pusher:unsubscribe") && f.includes(`private-group-${groupId}`)),
    ).toEqual([]);

    const admin = await findUser(db, "dana.admin@acme.example");
    const body = `Live in dev, load ${load}`;
    const { events = [] } = await postMessage(db, admin, { groupId, operationId: randomUUID(), kind: "note", body });
    const epochs = await currentEpochs(db, [groupId]);
    for (const call of planCalls(resolveTargets(events, epochs), devSoketi)) await call.send();
    await expect(chatLog(page, sayIn("en")).getByText(body)).toHaveCount(1);
  }
});
