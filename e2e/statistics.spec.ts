import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { DEMO_PASSWORD } from "@/scripts/seed/accounts";
import { hashPassword } from "@/lib/auth/password";
import { addMembers } from "@/lib/membership/operations/add-members";
import { createCompany, createCourse, createGroup, createLessons, createPerson } from "@/tests/fixtures";
import { expect, expectAccessible, test } from "./support/fixtures";

test("an admin watches the group's statistics move as a learner completes a lesson, and downloads the member table", async ({
  pageOf,
  db,
}) => {
  test.setTimeout(90_000);
  const suffix = randomUUID().slice(0, 6);
  const company = await createCompany(db, `Statwell ${suffix}`);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const person = (name: string, roles: ("admin" | "hr")[] = []) =>
    createPerson(db, company.id, {
      name: `${name} ${suffix}`,
      email: `${name.split(" ")[0]!.toLowerCase()}.${suffix}@statwell.example`,
      roles,
      passwordHash,
    });
  const admin = await person("Dana Admin", ["admin"]);
  const ben = await person("Ben Learner");
  const cara = await person("Cara Learner");
  const course = await createCourse(db, company.id, `Security Basics ${suffix}`);
  const [first] = await createLessons(db, course, [null, null, null]);
  const group = await createGroup(db, admin, { name: `Onboarding ${suffix}`, courseId: course.id });
  await addMembers(db, admin, { groupId: group.id, selection: { mode: "people", userIds: [ben.id, cara.id] }, operationId: randomUUID() });

  const adminPage = await pageOf(admin);
  const learnerPage = await pageOf(ben);

  await adminPage.goto(`/groups/${group.id}`);
  await adminPage.getByRole("navigation", { name: "Group sections" }).getByRole("link", { name: "Statistics" }).click();
  const buckets = adminPage.getByRole("table", { name: "Members by where they stand: bar chart" });
  const bucketRow = (name: string) => buckets.getByRole("row", { name: new RegExp(`^${name}`) });
  await expect(bucketRow("Not started yet")).toHaveText(/Not started yet\s*2\s*100%/);
  await expect(bucketRow("In progress")).toHaveText(/In progress\s*0\s*0%/);
  // Each card says its count once, its share, and the rule that puts a member there.
  await expect(adminPage.getByTestId("statistics-bucket-halfway")).toHaveText(
    "In progress00% of membersAt least one lesson done, course not finished yet.",
  );
  await expect(adminPage.getByTestId("statistics-average")).toHaveText("0%");
  await expect(
    adminPage.getByRole("table", { name: "Members' progress in the linked course" }).getByRole("link", { name: `Ben Learner ${suffix}` }),
  ).toHaveAttribute("href", `/admin/people/${ben.id}`);
  await expectAccessible(adminPage);

  await learnerPage.goto(`/courses/${course.id}/lessons/${first!.id}`);
  await learnerPage.getByRole("button", { name: "Mark as complete" }).click();
  await expect(learnerPage.getByRole("heading", { name: "Lesson completed" })).toBeVisible();

  // No reload: the admin channel's event refreshes the figures.
  await expect(bucketRow("In progress")).toHaveText(/In progress\s*1\s*50%/, { timeout: 15_000 });
  await expect(adminPage.getByTestId("statistics-bucket-halfway")).toHaveText(
    "In progress150% of membersAt least one lesson done, course not finished yet.",
  );
  await expect(bucketRow("Not started yet")).toHaveText(/Not started yet\s*1\s*50%/);
  await expect(adminPage.getByTestId("statistics-average")).toHaveText("16.5%");
  const bands = adminPage.getByRole("table", { name: "Members by progress band: bar chart" });
  await expect(bands.getByRole("row", { name: /^30–39%/ })).toHaveText(/1\s*50%/);
  await expectAccessible(adminPage);

  // On a phone both charts' axis labels stay clear of each other (the histogram's eleven included).
  const desktop = adminPage.viewportSize()!;
  await adminPage.setViewportSize({ width: 390, height: 844 });
  for (const chart of ["buckets", "histogram"]) {
    const labels = adminPage.getByTestId(`statistics-${chart}-chart`).locator(".recharts-xAxis-tick-labels text");
    const overlaps = () =>
      labels.evaluateAll((texts) => {
        const boxes = texts.map((text) => text.getBoundingClientRect()).sort((a, b) => a.left - b.left);
        return boxes.length < 2 ? -1 : boxes.filter((box, index) => index > 0 && box.left < boxes[index - 1]!.right).length;
      });
    await expect.poll(overlaps).toBe(0);
  }
  await adminPage.setViewportSize(desktop);

  const [download] = await Promise.all([adminPage.waitForEvent("download"), adminPage.getByRole("link", { name: "Download CSV" }).click()]);
  const csv = (await readFile((await download.path())!, "utf8")).replace(/^\uFEFF/, "");
  const [header, ...rows] = csv
    .trimEnd()
    .split("\r\n")
    .map((line) => line.split(","));
  expect(header).toEqual([
    "Name",
    "Email",
    "Department",
    "Lessons done",
    "Percent",
    "Score",
    "Where they stand",
    "Last activity",
    "Completed at",
  ]);
  expect(rows.map((row) => row.slice(0, 7))).toEqual([
    [`Ben Learner ${suffix}`, ben.email, "", "1", "33", "", "In progress"],
    [`Cara Learner ${suffix}`, cara.email, "", "0", "0", "", "Not started yet"],
  ]);
  expect(Number.isNaN(Date.parse(rows[0]![7]!))).toBe(false);
});
