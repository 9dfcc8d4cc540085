import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { Page } from "@playwright/test";
import { count, eq, sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { groupMembers } from "@/db/schema";
import { PAIR_FAILURE_LIMIT } from "@/lib/auth/throttle";
import { postMessage } from "@/lib/chat/operations/post-message";
import { createGroup } from "@/lib/groups/operations/create-group";
import { DEFAULT_RATE_LIMIT } from "@/lib/hr/api/auth";
import { createApiKey } from "@/lib/hr/api-keys/operations/create-api-key-operation";
import { removeMembers } from "@/lib/membership/operations/remove-members";
import { deliver } from "@/lib/realtime/server";
import { DEMO_PASSWORD } from "@/scripts/seed/accounts";
import { chatLog, groupWith, joined, send } from "@/e2e/support/chat";
import { findUser } from "@/e2e/support/data";
import { newPerson } from "@/e2e/support/people";
import { sayIn } from "@/e2e/support/say";
import { createAssignment } from "@/tests/assignments";
import { createCourse } from "@/tests/fixtures";
import { mailbox } from "@/tests/mailbox";
import { CLUSTER, type ClusterNodeName } from "../topology";
import { expect, test } from "./fixtures";
import { a, b, node } from "./nodes";

const run = () => randomUUID().slice(0, 8);
const en = sayIn("en");
/** A page's or request's answer (Playwright's), or a `fetch` answer. */
type Answer = { headers(): Record<string, string> } | Response | null;
const upstreamOf = (answer: Answer) =>
  (answer instanceof Response ? answer.headers.get("x-cohort-upstream") : answer?.headers()["x-cohort-upstream"]) ?? "";
/** The instance that answered: after a failed try the balancer lists every address it tried, the answering one last. */
const answeredBy = (answer: Answer) => upstreamOf(answer).split(", ").at(-1);

test("two people on different instances and realtime nodes chat live; an instance, then a realtime node, dies mid-conversation and nothing is lost", async ({
  db,
  pageOn,
}) => {
  const ana = await newPerson(db, "Ana Cluster");
  const ben = await newPerson(db, "Ben Cluster");
  const groupId = await groupWith(db, `Cluster chat ${run()}`, [ana, ben]);
  const pageA = await pageOn("a", ana);
  const pageB = await pageOn("b", ben);
  const chatUrl = `/groups/${groupId}/chat`;
  const liveA = joined(pageA, groupId);
  const liveB = joined(pageB, groupId);
  expect(answeredBy(await pageA.goto(chatUrl))).toBe(a.appAddress);
  expect(answeredBy(await pageB.goto(chatUrl))).toBe(b.appAddress);
  await Promise.all([liveA, liveB]);
  // Each soketi node holds a connection: one person is on each.
  expect(await a.connections()).toBeGreaterThanOrEqual(1);
  expect(await b.connections()).toBeGreaterThanOrEqual(1);

  const said: string[] = [];
  const say = async (page: Page, text: string) => {
    await send(page, text, en);
    said.push(text);
  };
  await say(pageA, "One, from instance a");
  await expect(chatLog(pageB, en).getByText("One, from instance a")).toHaveCount(1);
  await say(pageB, "Two, from instance b");
  await expect(chatLog(pageA, en).getByText("Two, from instance b")).toHaveCount(1);

  // Instance a dies: Ana's next post goes to b through the balancer, and her page still opens.
  await a.killApp();
  await say(pageA, "Three, while instance a is down");
  await expect(chatLog(pageB, en).getByText("Three, while instance a is down")).toHaveCount(1);
  await expect(chatLog(pageA, en).getByText("Three, while instance a is down")).toHaveCount(1);
  const rejoined = joined(pageA, groupId);
  expect(answeredBy(await pageA.reload())).toBe(b.appAddress);
  await rejoined;
  // Back, it gets its pinned browser again once the balancer tries it (within its 5 s fail_timeout).
  await a.startApp();
  await expect.poll(async () => answeredBy(await pageA.request.get("/api/health")), { timeout: 15_000 }).toBe(a.appAddress);

  // soketi node a dies: Ana's socket drops, reconnects through the balancer to node b and resyncs;
  // what Ben says meanwhile reaches her exactly once.
  await a.killRealtime();
  await say(pageB, "Four, while node a is down");
  await say(pageB, "Five, while node a is down");
  await expect(pageA.getByRole("status").filter({ hasText: "Reconnecting" })).toBeHidden({ timeout: 30_000 });
  await say(pageA, "Six, from node b");
  for (const text of said) {
    await expect(chatLog(pageA, en).getByText(text)).toHaveCount(1);
    await expect(chatLog(pageB, en).getByText(text)).toHaveCount(1);
  }
  await expect(chatLog(pageA, en).getByRole("article")).toHaveCount(said.length);
  await expect(chatLog(pageB, en).getByRole("article")).toHaveCount(said.length);
  expect(await b.connections()).toBeGreaterThanOrEqual(2);
  await a.startRealtime();
});

test("a removal cuts the removed member's pages on both instances and realtime nodes; the others follow the group", async ({
  db,
  pageOn,
}) => {
  const cleo = await newPerson(db, "Cleo Cluster");
  const dan = await newPerson(db, "Dan Cluster");
  const groupId = await groupWith(db, `Cluster removal ${run()}`, [cleo, dan]);
  const cleoOnA = await pageOn("a", cleo);
  const cleoOnB = await pageOn("b", cleo);
  const danOnB = await pageOn("b", dan);
  const pages = [cleoOnA, cleoOnB, danOnB];
  const live = pages.map((page) => joined(page, groupId));
  for (const page of pages) await page.goto(`/groups/${groupId}/chat`);
  await Promise.all(live);

  const admin = await findUser(db, "dana.admin@acme.example");
  await deliver(await removeMembers(db, admin, { groupId, userIds: [cleo.id], operationId: randomUUID() }));
  for (const page of [cleoOnA, cleoOnB]) await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await deliver(await postMessage(db, admin, { groupId, operationId: randomUUID(), kind: "note", body: "After the removal" }));
  await expect(chatLog(danOnB, en).getByText("After the removal")).toHaveCount(1);
});

test("the sign-in limit, the API's rate limit and its idempotency hold across instances", async ({ db, pageOn, baseURL }) => {
  // Sign-in: wrong passwords alternate between the instances; the limit counts them all.
  const eve = await newPerson(db, "Eve Cluster");
  const signInPages: Record<ClusterNodeName, Page> = { a: await pageOn("a"), b: await pageOn("b") };
  const attempt = async (on: ClusterNodeName, password: string, answer: string | RegExp) => {
    const page = signInPages[on];
    await page.goto("/sign-in");
    await page.getByLabel("Work email").fill(eve.email);
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("alert", { name: answer })).toBeVisible();
  };
  const locked = /^Too many attempts\. Try again in \d+ minutes?\.$/;
  for (let failure = 1; failure < PAIR_FAILURE_LIMIT; failure++) {
    await attempt(failure % 2 ? "a" : "b", "not-the-password", "The email or password is not correct.");
  }
  // The failure that reaches the limit locks the account at this address, whichever instance counted the others.
  await attempt(PAIR_FAILURE_LIMIT % 2 ? "a" : "b", "not-the-password", locked);
  for (const on of ["a", "b"] as const) await attempt(on, DEMO_PASSWORD, locked);

  // The API: the same request with the same Idempotency-Key on both instances at once adds the people once.
  const admin = await findUser(db, "dana.admin@acme.example");
  const { result: key } = await createApiKey(db, admin, { name: `Cluster ${run()}`, scope: "write", operationId: randomUUID() });
  const { result: group } = await createGroup(db, admin, {
    name: `Cluster API ${run()}`,
    description: "",
    courseId: null,
    maxMembers: null,
    visibility: "private",
    operationId: randomUUID(),
  });
  const people = [await newPerson(db, "Fay Cluster"), await newPerson(db, "Gus Cluster")];
  const api = (on: ClusterNodeName, path: string, init: RequestInit = {}) =>
    fetch(`${baseURL}/api/v1${path}`, {
      ...init,
      headers: { authorization: `Bearer ${key.secret}`, "content-type": "application/json", cookie: `cohort_node=${on}`, ...init.headers },
    });
  // A fixed window: start early in one, so that every request below counts in the same one.
  const intoWindow = Date.now() % (DEFAULT_RATE_LIMIT.windowSeconds * 1000);
  if (intoWindow > 40_000) await sleep(DEFAULT_RATE_LIMIT.windowSeconds * 1000 - intoWindow + 250);
  const add = (on: ClusterNodeName) =>
    api(on, `/groups/${group.groupId}/members`, {
      method: "POST",
      headers: { "idempotency-key": `cluster-${group.groupId}` },
      body: JSON.stringify({ userIds: people.map((person) => person.id) }),
    });
  const [onA, onB] = await Promise.all([add("a"), add("b")]);
  expect([answeredBy(onA), answeredBy(onB)]).toEqual([a.appAddress, b.appAddress]);
  expect([onA.status, onB.status]).toEqual([200, 200]);
  const added = { added: 2, alreadyMembers: 0, deactivated: 0, unknown: 0 };
  expect([await onA.json(), await onB.json()]).toEqual([added, added]);
  const [members] = await db.select({ n: count() }).from(groupMembers).where(eq(groupMembers.groupId, group.groupId));
  expect(members!.n).toBe(2);

  // The rate limit: the key's requests on both instances count against one limit.
  const read = (on: ClusterNodeName) => api(on, `/groups/${group.groupId}`);
  let answered = 2;
  for (let batch = 0; answered < DEFAULT_RATE_LIMIT.limit; batch++) {
    const size = Math.min(10, DEFAULT_RATE_LIMIT.limit - answered);
    const statuses = await Promise.all(Array.from({ length: size }, (_, i) => read(i % 2 ? "b" : "a").then((response) => response.status)));
    expect(statuses.every((status) => status === 200)).toBe(true);
    answered += size;
  }
  for (const on of ["a", "b"] as const) {
    const refused = await read(on);
    expect(answeredBy(refused)).toBe(node(on).appAddress);
    expect(refused.status).toBe(429);
  }
});

test("each cron route called on both instances at once succeeds on both, and the reminders go out once", async ({ db }) => {
  const admin = await findUser(db, "dana.admin@acme.example");
  const course = await createCourse(db, admin.companyId, `Cluster course ${run()}`);
  const learner = await newPerson(db, "Hal Cluster");
  // Due in three days, assigned ten days ago: its reminder seven days before the deadline is due since then.
  const dueOn = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  await createAssignment(db, {
    companyId: admin.companyId,
    userId: learner.id,
    courseId: course.id,
    dueOn,
    assignedAt: new Date(Date.now() - 10 * 86_400_000),
  });
  const tick = (on: ClusterNodeName, job = "reminders") =>
    fetch(`${node(on).appUrl}/api/cron/${job}`, { headers: { authorization: `Bearer ${CLUSTER.cronSecret}` } });
  // The jobs named by their period replay on the second instance; the others split the work or find none left.
  for (const job of ["reminders", "rollup", "sign-ins", "retention", "imports"]) {
    const [fromA, fromB] = await Promise.all([tick("a", job), tick("b", job)]);
    expect([job, fromA.status, fromB.status]).toEqual([job, 200, 200]);
  }
  const reminders = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from notifications where user_id = ${learner.id} and type = 'assignment.reminder'`,
  );
  expect(reminders[0]!.n).toBe(1);
  const inbox = mailbox(`http://127.0.0.1:${CLUSTER.mail.web}/api`);
  expect(await inbox.waitFor(learner.email, 1)).toHaveLength(1);
  // Another tick of either instance sends nothing more.
  expect((await tick("b")).status).toBe(200);
  await sleep(1000);
  expect(await inbox.to(learner.email)).toHaveLength(1);
});
