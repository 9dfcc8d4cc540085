import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, expectAccessible, test } from "./support/fixtures";
import { expectCurrentEntry, mainMenu } from "./support/menu";

// The course's key and title carry a stamp, so the spec can run again on the same database.
const fixture = JSON.parse(readFileSync("e2e/fixtures/course-import/security-basics.json", "utf8"));
type Lesson = { key: string; title: string; content?: string; quiz?: { prompt: string; options: string[]; answer: number }[] };

const row = (page: Page, title: string) => page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: title, exact: true }) });

async function upload(page: Page, course: unknown, name = "course.json") {
  const dialog = page.getByRole("dialog", { name: "Import a course" });
  await dialog
    .getByLabel("Course file (JSON)")
    .setInputFiles({ name, mimeType: "application/json", buffer: Buffer.from(JSON.stringify(course, null, 2)) });
  await dialog.getByRole("button", { name: "Import", exact: true }).click();
  return dialog;
}

test("an admin imports a course: a bad file is refused with pointed problems, a good one creates it, a changed one updates it", async ({
  pageOf,
}) => {
  test.slow();
  const stamp = Date.now();
  const title = `Security basics ${stamp}`;
  const course = { ...fixture, key: `security-basics-${stamp}`, title };
  const lessons = course.lessons as Lesson[];

  const page = await pageOf("omar");
  // Straight to the page (the menu is not this test's subject); the menu offers it as the current one.
  await page.goto("/admin/courses");
  await expectCurrentEntry(page, "Manage courses");
  await expect(page.getByRole("heading", { level: 1, name: "Manage courses" })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("button", { name: "Import course" }).click();
  const dialog = page.getByRole("dialog", { name: "Import a course" });
  await dialog.getByRole("button", { name: "Import", exact: true }).click();
  await expect(dialog.getByLabel("Course file (JSON)")).toHaveAccessibleDescription(/^Choose a file first\./);

  // A bad file: every problem is listed with the entry it points at, and nothing is created.
  const bad = {
    ...course,
    lessons: [
      lessons[0],
      { ...lessons[1], quizz: [] },
      { ...lessons[2], key: lessons[0]!.key, quiz: [{ ...lessons[2]!.quiz![0], answer: 3 }] },
    ],
  };
  await upload(page, bad, "bad.json");
  const problems = dialog.getByRole("alert", { name: "The file has 3 problems; nothing was changed." });
  await expect(problems.getByRole("listitem")).toHaveText([
    "lessons[1].quizz: is not a field of the course format (check the spelling)",
    "lessons[2].key: “passwords” is used twice (also lessons[0])",
    // The value found there is quoted back.
    "lessons[2].quiz[0].answer: must be the index of one of the 3 options (0–2) (found 3)",
  ]);
  await expectAccessible(page);

  // Broken JSON says where it breaks.
  await dialog
    .getByLabel("Course file (JSON)")
    .setInputFiles({ name: "broken.json", mimeType: "application/json", buffer: Buffer.from('{\n  "key": "x",\n}') });
  await dialog.getByRole("button", { name: "Import", exact: true }).click();
  await expect(dialog.getByRole("alert", { name: "The file has 1 problem; nothing was changed." })).toContainText(
    'The file is not valid JSON: unexpected "}" at line 3, column 1.',
  );

  // A file of control characters is sent as it is, never inflated by JSON escaping (six bytes each):
  // its 1,000,000 bytes reach the server, which says what is wrong with it.
  await dialog
    .getByLabel("Course file (JSON)")
    .setInputFiles({ name: "controls.json", mimeType: "application/json", buffer: Buffer.alloc(1_000_000, 1) });
  await dialog.getByRole("button", { name: "Import", exact: true }).click();
  await expect(dialog.getByRole("alert", { name: "The file has 1 problem; nothing was changed." })).toContainText(
    "The file is not valid JSON",
  );

  // The good file, in the same dialog: the refused attempts used up nothing.
  await upload(page, course);
  const status = dialog.getByRole("status");
  await expect(status).toContainText(`“${title}” was created.`);
  await expect(status).toContainText("3 lessons added, none changed, none retired.");
  await expect(status).toContainText("Nobody has progress in this course yet.");
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog).toBeHidden();
  await expect(row(page, title).getByRole("cell")).toHaveText([course.key, "3", "0", "0", /\w+/]);

  // A changed version: the first lesson's text changes, "phishing" leaves, "updates" arrives at the end.
  const changed = {
    ...course,
    lessons: [
      { ...lessons[0], content: "Use the password manager for every account." },
      lessons[2],
      { key: "updates", title: "Keeping devices up to date", content: "Install updates the day they arrive." },
    ],
  };
  await page.getByRole("button", { name: "Import course" }).click();
  await upload(page, changed);
  await expect(status).toContainText(`“${title}” was updated.`);
  await expect(status).toContainText("1 lesson added, 2 changed, 1 retired.");
  await expectAccessible(page);
  // The same file once more, as a new import (a new operation id, not a replay of the last one): nothing left to change.
  await dialog.getByRole("button", { name: "Import another file" }).click();
  await upload(page, changed);
  await expect(status).toContainText("No lessons added, none changed, none retired.");
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(row(page, title).getByRole("cell").nth(1)).toHaveText("3");
});

test("HR staff get no Courses admin page: no menu entry, and a 404", async ({ pageOf }) => {
  const page = await pageOf("hana");
  await page.goto("/");
  await expect((await mainMenu(page)).locator('a[href="/admin/courses"]')).toHaveCount(0);
  await page.goto("/admin/courses");
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
});
