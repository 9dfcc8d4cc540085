import { randomUUID } from "node:crypto";
import type { WebSocketRoute } from "@playwright/test";
import { eq } from "drizzle-orm";
import { lessons } from "@/db/schema";
import { DEMO_PASSWORD } from "@/scripts/seed/accounts";
import { hashPassword } from "@/lib/auth/password";
import { addMembers } from "@/lib/membership/operations/add-members";
import { createCompany, createCourse, createGroup, createLessons, createPerson } from "@/tests/fixtures";
import { expect, expectAccessible, test } from "./support/fixtures";

test("a member sees a colleague's progress appear in the group's feed live and after a dropped connection, and under Members @learner", async ({
  pageOf,
  db,
}) => {
  test.setTimeout(90_000);
  const suffix = randomUUID().slice(0, 6);
  const company = await createCompany(db, `Feedwell ${suffix}`);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const person = (name: string, roles: ("admin" | "hr")[] = []) =>
    createPerson(db, company.id, {
      name: `${name} ${suffix}`,
      email: `${name.split(" ")[0]!.toLowerCase()}.${suffix}@feedwell.example`,
      roles,
      passwordHash,
    });
  const admin = await person("Dana Admin", ["admin"]);
  const ann = await person("Ann Watcher");
  const ben = await person("Ben Learner");
  const course = await createCourse(db, company.id, `Security Basics ${suffix}`);
  const [first, second] = await createLessons(db, course, [null, null]);
  await db.update(lessons).set({ title: "Spotting phishing" }).where(eq(lessons.id, first!.id));
  await db.update(lessons).set({ title: "Passwords that last" }).where(eq(lessons.id, second!.id));
  const group = await createGroup(db, admin, { name: `Onboarding ${suffix}`, courseId: course.id });
  // Through the membership service, so the ledger holds their periods as the product writes them.
  await addMembers(db, admin, { groupId: group.id, selection: { mode: "people", userIds: [ann.id, ben.id] }, operationId: randomUUID() });

  const pageA = await pageOf(ann);
  const pageB = await pageOf(ben);
  // A's sockets to soketi go through this route, so the test can really cut them.
  let reachable = true;
  const open: WebSocketRoute[] = [];
  await pageA.routeWebSocket(/:\d+\/app\//, (socket) => {
    if (!reachable) return socket.close({ code: 4009, reason: "outage" });
    socket.connectToServer();
    open.push(socket);
  });

  await pageA.goto(`/groups/${group.id}`);
  const tabs = pageA.getByRole("navigation", { name: "Group sections" });
  await expect(tabs.getByRole("link", { name: "Activity" })).toHaveAttribute("aria-current", "page");
  await expect(pageA.getByRole("main").getByText("No activity yet")).toBeVisible();
  await expectAccessible(pageA);

  await pageB.goto(`/courses/${course.id}/lessons/${first!.id}`);
  await pageB.getByRole("button", { name: "Mark as complete" }).click();
  await expect(pageB.getByRole("heading", { name: "Lesson completed" })).toBeVisible();

  const feed = pageA.getByRole("main").getByRole("list", { name: "Recent activity in this group" });
  await expect(feed.getByText(`Ben Learner ${suffix} completed Spotting phishing`)).toBeVisible();
  await expect(feed.getByText(`Ben Learner ${suffix} earned the badge “First lesson”`)).toBeVisible();
  await expectAccessible(pageA);

  // Ben finishes the course while Ann's connection is down: the events are lost in transit, and
  // the resync after re-subscribing fetches them.
  reachable = false;
  await Promise.all(open.map((socket) => socket.close({ code: 4009, reason: "outage" })));
  await expect(pageA.getByRole("status").filter({ hasText: "Reconnecting" })).toBeVisible();
  await pageB.goto(`/courses/${course.id}/lessons/${second!.id}`);
  await pageB.getByRole("button", { name: "Mark as complete" }).click();
  await expect(pageB.getByRole("heading", { name: "Lesson completed" })).toBeVisible();
  reachable = true;
  await expect(feed.getByText(`Ben Learner ${suffix} finished the course Security Basics ${suffix}`)).toBeVisible({ timeout: 20_000 });
  await expect(feed.getByText(`Ben Learner ${suffix} completed Passwords that last`)).toBeVisible();
  // The certificate names its course, not its serial; it is Ben's (and the admins'): Ann gets no link to it.
  await expect(feed.getByText(`Ben Learner ${suffix} received the certificate for Security Basics ${suffix}`)).toBeVisible();
  await expect(feed.getByRole("link", { name: "View certificate" })).toHaveCount(0);
  await expectAccessible(pageA);

  await tabs.getByRole("link", { name: "Members" }).click();
  const row = pageA.getByRole("row", { name: new RegExp(`Ben Learner ${suffix}`) });
  await expect(row).toContainText("2 of 2 lessons");
  await expect(row).toContainText("100%");
  await expect(row).toContainText("1 day");
  await expect(row).toContainText("Certificate CHT-");
  await expect(pageA.getByRole("row", { name: new RegExp(`Ann Watcher ${suffix}`) })).toContainText("0 of 2 lessons");
  await expectAccessible(pageA);
});
