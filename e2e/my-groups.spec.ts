import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import type { Database } from "@/db/client";
import { courseProgress, groupChatState, groupMessages } from "@/db/schema";
import { DEMO_PASSWORD } from "@/scripts/seed/accounts";
import { hashPassword } from "@/lib/auth/password";
import { createCompany, createCourse, createGroup, createPerson, type TestPerson } from "@/tests/fixtures";
import { expect, expectAccessible, signInAs, test } from "./support/fixtures";
import { expectCurrentEntry, navigateTo } from "./support/menu";

// Every test makes its own company, so its groups are nobody else's and both projects run side by side.

async function newCompany(db: Database) {
  const suffix = randomUUID().slice(0, 6);
  const company = await createCompany(db, `Groupwell ${suffix}`);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const person = (name: string, roles: ("admin" | "hr")[] = []) =>
    createPerson(db, company.id, {
      name: `${name} ${suffix}`,
      email: `${name.toLowerCase().replace(/\W+/g, ".")}.${suffix}@groupwell.example`,
      roles,
      passwordHash,
    });
  return { suffix, company, person };
}

/** Chat messages written as the chat leaves them: each takes the group's next sequence number. */
async function messagesBy(db: Database, group: { id: string; companyId: string }, author: TestPerson, bodies: string[]) {
  const now = Date.now();
  await db.insert(groupMessages).values(
    bodies.map((body, index) => ({
      companyId: group.companyId,
      groupId: group.id,
      authorId: author.id,
      kind: "note" as const,
      body,
      seq: index + 1,
      operationKey: randomUUID(),
      createdAt: new Date(now + index),
    })),
  );
  await db
    .insert(groupChatState)
    .values({ groupId: group.id, companyId: group.companyId, lastSeq: bodies.length, lastMessageAt: new Date(now) });
}

const card = (page: Page, name: string) => page.getByRole("listitem").filter({ has: page.getByRole("heading", { name, exact: true }) });

test("a learner sees My groups, discovers a public group, joins it and leaves it again; a full group refuses with the numbers @learner", async ({
  page,
  db,
}) => {
  test.setTimeout(90_000);
  const { suffix, company, person } = await newCompany(db);
  const admin = await person("Ada Admin", ["admin"]);
  const lea = await person("Lea Learner");
  const omar = await person("Omar Colleague");
  const course = await createCourse(db, company.id, `Security Basics ${suffix}`);
  const onboarding = await createGroup(db, admin, { name: `Onboarding ${suffix}`, courseId: course.id, members: [lea, omar] });
  await db.insert(courseProgress).values({ companyId: company.id, userId: lea.id, courseId: course.id, lessonsDone: 2, percent: 40 });
  await messagesBy(db, onboarding, omar, ["Welcome, everyone!", "Remember the deadline on Friday."]);
  const bookClub = `Book club ${suffix}`;
  await createGroup(db, admin, { name: bookClub, visibility: "public", maxMembers: 10, members: [omar] });
  const chess = `Chess ${suffix}`;
  const chessGroup = await createGroup(db, admin, { name: chess, visibility: "public", maxMembers: 1, members: [omar] });
  await createGroup(db, admin, { name: `Board ${suffix}`, members: [omar] });

  await signInAs(page, lea.email);
  // Straight to My groups (the menu is not this test's subject); the menu offers it as the current page.
  await page.goto("/groups");
  await expectCurrentEntry(page, "My groups");
  await expect(page.getByRole("heading", { level: 1, name: "My groups" })).toBeVisible();
  const mine = card(page, `Onboarding ${suffix}`);
  await expect(mine).toContainText("2 unread messages");
  await expect(mine).toContainText("My progress: 40%");
  await expect(mine.getByRole("progressbar", { name: `My progress in Security Basics ${suffix}` })).toHaveAttribute("aria-valuenow", "40");
  await expect(page.getByRole("heading", { name: bookClub })).toHaveCount(0);
  await expectAccessible(page);

  await page.getByRole("link", { name: "Discover" }).click();
  await expect(card(page, bookClub)).toContainText("1 of 10 places taken");
  await expect(card(page, chess)).toContainText("Full");
  await expect(page.getByRole("heading", { name: `Board ${suffix}` })).toHaveCount(0);
  await expectAccessible(page);

  // A full group refuses with the numbers.
  await card(page, chess)
    .getByRole("button", { name: `Join ${chess}` })
    .click();
  await expect(card(page, chess).getByRole("alert")).toHaveText("This group is full: its one place is taken.");

  await page.getByRole("searchbox", { name: "Search public groups" }).fill("book");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("heading", { name: chess })).toHaveCount(0);
  await card(page, bookClub)
    .getByRole("button", { name: `Join ${bookClub}` })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: bookClub })).toBeVisible();
  await expect(page.getByRole("link", { name: "Members" })).toBeVisible();
  await expectAccessible(page);

  await navigateTo(page, "My groups");
  await expect(card(page, bookClub)).toContainText("2 members");
  await card(page, bookClub).getByRole("button", { name: "Leave group" }).click();
  const dialog = page.getByRole("dialog", { name: `Leave “${bookClub}”?` });
  await expect(dialog).toContainText("Your messages and your progress in its course stay.");
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Leave group" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("heading", { name: bookClub })).toHaveCount(0);

  // The preview of a public group I am not in: what it is, and Join; never its members.
  await page.goto(`/groups/${chessGroup.id}`);
  await expect(page.getByRole("heading", { level: 1, name: chess })).toBeVisible();
  await expect(page.getByRole("main").getByText("1 of 1 place taken")).toBeVisible();
  await expect(page.getByRole("button", { name: `Join ${chess}` })).toBeVisible();
  await expect(page.getByRole("link", { name: "Members" })).toHaveCount(0);
  await expectAccessible(page);
});

test("an empty My groups explains itself and leads to Discover @learner", async ({ page, db }) => {
  const { person } = await newCompany(db);
  const lea = await person("Lea Newcomer");
  await signInAs(page, lea.email);
  await page.goto("/groups");
  await expect(page.getByRole("main").getByText("You are not in any learning group yet.")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Discover public groups" }).click();
  await expect(page.getByRole("main").getByText("There are no public groups you could join right now.")).toBeVisible();
  await expectAccessible(page);
});
