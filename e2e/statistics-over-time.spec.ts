import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { learningGroups, membershipEvents } from "@/db/schema";
import { createGroup } from "@/lib/groups/operations/create-group";
import { completeLesson } from "@/lib/learning/operations/complete-lesson";
import { addMembers } from "@/lib/membership/operations/add-members";
import { rollupDay } from "@/lib/statistics/rollup";
import { createCourse, createLessons } from "@/tests/fixtures";
import { findUser } from "./support/data";
import { expect, expectAccessible, stateOf, test } from "./support/fixtures";
import { newPerson } from "./support/people";

test.use({ storageState: stateOf("dana") });

const DAY_MS = 86_400_000;
/**
 * Late morning in Berlin, `days` calendar days before today there (10:00 UTC on that Berlin date):
 * well inside that day, whatever the hour the test runs at (between 22:00 and 24:00 UTC, Berlin's
 * today is already the UTC tomorrow).
 */
const daysAgo = (days: number) => {
  const berlinToday = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(new Date());
  return new Date(Date.parse(`${berlinToday}T10:00:00Z`) - days * DAY_MS);
};

test("an admin reads a group's progress over time as text", async ({ page, db }) => {
  const admin = await findUser(db, "dana.admin@acme.example");
  const [first, second] = [await newPerson(db, "Otto Early"), await newPerson(db, "Olga Later")];
  const course = await createCourse(db, admin.companyId, `Over time ${randomUUID().slice(0, 6)}`);
  const [one, two] = await createLessons(db, course, [null, null]);
  const name = `Progress over time ${randomUUID().slice(0, 6)}`;
  const { result } = await createGroup(db, admin, {
    name,
    description: "",
    courseId: course.id,
    maxMembers: null,
    visibility: "private",
    operationId: randomUUID(),
  });
  const groupId = result.groupId;
  await addMembers(db, admin, { groupId, selection: { mode: "people", userIds: [first.id, second.id] }, operationId: randomUUID() });
  // The group's week so far, with the clock moved back: made five days ago, both members from then on.
  await db
    .update(learningGroups)
    .set({ createdAt: daysAgo(5) })
    .where(eq(learningGroups.id, groupId));
  await db
    .update(membershipEvents)
    .set({ at: daysAgo(5) })
    .where(eq(membershipEvents.groupId, groupId));
  const complete = (learner: typeof first, lessonId: string, days: number) =>
    completeLesson(db, learner, { lessonId, operationId: randomUUID() }, { now: daysAgo(days) });
  await complete(first, one!.id, 3);
  await complete(second, one!.id, 2);
  await complete(first, two!.id, 1);
  await rollupDay(db, { now: new Date(), catchUpDays: 7 }, { groupId });

  await page.goto(`/groups/${groupId}?tab=statistics`);
  await expect(page.getByRole("heading", { level: 3, name: "Progress over time" })).toBeVisible();
  const rows = page.getByTestId("statistics-over-time-table").locator("tbody tr");
  // Members, average progress, done, halfway, not started: five stored days, then today's live point.
  const expected = [
    ["2", "0%", "0", "0", "2"],
    ["2", "0%", "0", "0", "2"],
    ["2", "25%", "0", "1", "1"],
    ["2", "50%", "0", "2", "0"],
    ["2", "75%", "1", "1", "0"],
    ["2", "75%", "1", "1", "0"],
  ];
  await expect(rows).toHaveCount(expected.length);
  for (const [index, cells] of expected.entries()) await expect(rows.nth(index).locator("td")).toHaveText(cells);
  await expect(rows.last().locator("th")).toContainText("(today)");
  await expectAccessible(page);
});
