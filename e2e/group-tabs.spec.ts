import { randomUUID } from "node:crypto";
import { createGroup } from "@/lib/groups/operations/create-group";
import { createCompany, createCourse, createGroup as insertGroup, createLessons, createPerson } from "@/tests/fixtures";
import { findUser } from "./support/data";
import { addMembers } from "@/lib/membership/operations/add-members";
import { expect, expectAccessible, stateOf, test } from "./support/fixtures";
import { newPerson } from "./support/people";

const UNKNOWN = "00000000-0000-4000-8000-000000000000";

// Dana Admin's session (the setup project's); the groups are each test's own.
test.use({ storageState: stateOf("dana") });

/** A group of Dana's with a linked course, so that every tab is offered to her; nobody else's. */
async function danasGroup(db: Parameters<typeof createCourse>[0]) {
  const dana = await findUser(db, "dana.admin@acme.example");
  const course = await createCourse(db, dana.companyId, `Tabs ${randomUUID().slice(0, 6)}`);
  await createLessons(db, course, [null]);
  const { result } = await createGroup(db, dana, {
    name: `Tabs ${randomUUID().slice(0, 6)}`,
    description: "",
    courseId: course.id,
    maxMembers: null,
    visibility: "private",
    operationId: randomUUID(),
  });
  return result.groupId;
}

test("each tab of a group is a route: reached by its link, by the keyboard, and from an old ?tab= link", async ({ page, db }) => {
  const groupId = await danasGroup(db);
  const tabs = page.getByRole("navigation", { name: "Group sections" });
  const tab = (name: string) => tabs.getByRole("link", { name, exact: true });

  // The group's own address lands an admin who is no member on Members.
  await page.goto(`/groups/${groupId}`);
  await expect(page).toHaveURL(`/groups/${groupId}/members`);
  await expect(tab("Members")).toHaveAttribute("aria-current", "page");
  await expectAccessible(page);

  for (const [name, path] of [
    ["Activity", "activity"],
    ["Chat", "chat"],
    ["History", "history"],
    ["Statistics", "statistics"],
    ["Members", "members"],
  ] as const) {
    await tab(name).click();
    await expect(page).toHaveURL(`/groups/${groupId}/${path}`);
    await expect(tab(name)).toHaveAttribute("aria-current", "page");
    // Each tab's title names it before the group, so two tabs of one group tell apart.
    await expect(page).toHaveTitle(new RegExp(`^${name} · Tabs [0-9a-f]{6} · Cohort$`));
  }
  await expect(page.getByRole("heading", { level: 2, name: "Members" })).toBeVisible();

  // Tab moves on to the next section's link, Enter opens it.
  await tab("Members").focus();
  await page.keyboard.press("Tab");
  await expect(tab("History")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(`/groups/${groupId}/history`);
  await expect(tab("History")).toHaveAttribute("aria-current", "page");

  // Old links keep working, with their parameters.
  await page.goto(`/groups/${groupId}?tab=chat`);
  await expect(page).toHaveURL(`/groups/${groupId}/chat`);
  await expect(tab("Chat")).toHaveAttribute("aria-current", "page");
  await page.goto(`/groups/${groupId}?tab=statistics&sort=progress&dir=desc`);
  await expect(page).toHaveURL(`/groups/${groupId}/statistics?sort=progress&dir=desc`);
  await expect(tab("Statistics")).toHaveAttribute("aria-current", "page");
  await page.goto(`/groups/${groupId}?tab=members&q=nobody`);
  await expect(page).toHaveURL(`/groups/${groupId}/members?q=nobody`);
  await expect(page.getByRole("searchbox", { name: "Search members by name" })).toHaveValue("nobody");
});

test("a group of another company, an unknown and a malformed id answer 404 on every tab, its own with 200", async ({ page, db }) => {
  const groupId = await danasGroup(db);
  const company = await createCompany(db, `Elsewhere ${randomUUID().slice(0, 6)}`);
  const owner = await createPerson(db, company.id, { roles: ["admin"] });
  const foreign = await insertGroup(db, owner, { name: "Not yours" });
  const status = async (path: string) => (await page.request.get(path, { maxRedirects: 0 })).status();
  const tabs = ["activity", "chat", "members", "history", "statistics"];

  expect(await Promise.all(tabs.map((tab) => status(`/groups/${groupId}/${tab}`)))).toEqual(tabs.map(() => 200));
  const refused = [foreign.id, UNKNOWN, "not-an-id"].flatMap((id) => [
    `/groups/${id}`,
    `/groups/${id}?tab=chat`,
    ...tabs.map((tab) => `/groups/${id}/${tab}`),
  ]);
  expect(await Promise.all(refused.map(async (path) => [path, await status(path)]))).toEqual(refused.map((path) => [path, 404]));
  await page.goto(`/groups/${foreign.id}/chat`);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
});

test("a tab the reader may not open answers with a redirect to their own tab, decided before anything streams", async ({ pageOf, db }) => {
  const groupId = await danasGroup(db);
  const learner = await newPerson(db, "Tia Tabs");
  const dana = await findUser(db, "dana.admin@acme.example");
  await addMembers(db, dana, { groupId, selection: { mode: "people", userIds: [learner.id] }, operationId: randomUUID() });
  const page = await pageOf(learner);
  const answer = async (tab: string) => {
    const response = await page.request.get(`/groups/${groupId}/${tab}`, { maxRedirects: 0 });
    return [tab, response.status(), response.headers()["location"] ?? null];
  };

  // A member of a group with a course lands on Activity: Statistics and History are not theirs, and
  // the answer is an HTTP redirect (a redirect inside a streamed page would come after a 200).
  const own = `/groups/${groupId}/activity`;
  expect(await Promise.all(["statistics", "history"].map(answer))).toEqual([
    ["statistics", 307, own],
    ["history", 307, own],
  ]);
  expect(await Promise.all(["activity", "chat", "members"].map(answer))).toEqual([
    ["activity", 200, null],
    ["chat", 200, null],
    ["members", 200, null],
  ]);
  await page.goto(`/groups/${groupId}/statistics`);
  await expect(page).toHaveURL(own);
  await expect(page.getByRole("navigation", { name: "Group sections" }).getByRole("link", { name: "Statistics" })).toHaveCount(0);
});
