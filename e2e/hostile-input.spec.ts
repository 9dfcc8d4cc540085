import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Database } from "@/db/client";
import { completeLesson } from "@/lib/learning/operations/complete-lesson";
import { createCourse, createGroup, createLessons, createPerson } from "@/tests/fixtures";
import { findUser } from "./support/data";
import { expect, test } from "./support/fixtures";

const UNKNOWN = "00000000-0000-4000-8000-000000000000";

/** One of each thing with a page of its own, made for the test in a company: the pages' paths (ids last) and the course. */
/** The path's last id, followed by nothing or by a tab's name (`/groups/<id>/members`). */
const LAST_ID = /[0-9a-f-]{36}(?=(\/[a-z]+)?$)/;

async function pagesOfNewThings(db: Database, companyId: string) {
  const admin = await createPerson(db, companyId, { roles: ["admin"] });
  const person = await createPerson(db, companyId);
  const group = await createGroup(db, admin);
  const course = await createCourse(db, companyId);
  const [lesson] = await createLessons(db, course, [null]);
  const { result } = await completeLesson(db, person, { lessonId: lesson!.id, operationId: randomUUID() });
  const paths = [
    `/groups/${group.id}/members`,
    `/admin/people/${person.id}`,
    `/courses/${course.id}`,
    `/courses/${course.id}/lessons/${lesson!.id}`,
    `/certificates/${result.certificateId}`,
    `/admin/assignments/course/${course.id}`,
    `/admin/assignments/group/${group.id}`,
  ];
  return { paths, courseId: course.id };
}

test("every page of one thing answers an unknown, foreign or malformed id with HTTP 404, its own with 200", async ({ pageOf, db }) => {
  const dana = await findUser(db, "dana.admin@acme.example");
  const gary = await findUser(db, "gary.learner@globex.example");
  const { paths: own, courseId } = await pagesOfNewThings(db, dana.companyId);
  const { paths: foreign } = await pagesOfNewThings(db, gary.companyId);

  const page = await pageOf("dana");
  const status = async (path: string) => (await page.request.get(path, { maxRedirects: 0 })).status();
  // Positive control: the same pages with the company's own ids.
  expect(await Promise.all(own.map(async (path) => [path, await status(path)]))).toEqual(own.map((path) => [path, 200]));
  const refused = [
    ...foreign,
    ...own.map((path) => path.replace(LAST_ID, UNKNOWN)),
    ...own.map((path) => path.replace(LAST_ID, "not-an-id")),
    `/admin/assignments/nonsense/${courseId}`,
  ];
  expect(await Promise.all(refused.map(async (path) => [path, await status(path)]))).toEqual(refused.map((path) => [path, 404]));
  // Still the app's own page: the header and the sentence, not a bare error.
  await page.goto(foreign[0]!);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Notifications/ })).toBeVisible();
});

test("a server action body that is not JSON or over the limit gets 400 or 413 with its code, never a 500", async ({ pageOf }) => {
  // The import action's id, from the build the app runs.
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { exportedName: string }>;
  };
  const actionId = Object.entries(manifest.node).find(([, entry]) => entry.exportedName === "importCourseAction")![0];
  const page = await pageOf("omar");
  const post = (data: string | Buffer, contentType = "text/plain;charset=UTF-8") =>
    page.request.post("/admin/courses", {
      headers: { "next-action": actionId, "content-type": contentType, accept: "text/x-component" },
      data,
    });
  // Positive control: arguments as React encodes them reach the action, which answers with its own error.
  const valid = await post(JSON.stringify([{ file: "{}", operationId: "00000000-0000-4000-8000-000000000001" }]));
  expect(valid.status()).toBe(200);
  expect(await valid.text()).toContain('"code":"invalid_input"');

  const notJson = await post("not json at all");
  expect([notJson.status(), await notJson.text()]).toEqual([400, "action_body_invalid"]);
  const dangling = await post('["$1"]');
  expect([dangling.status(), await dangling.text()]).toEqual([400, "action_body_invalid"]);
  const garbled = await post("garbage", "multipart/form-data; boundary=x");
  expect([garbled.status(), await garbled.text()]).toEqual([400, "action_body_invalid"]);
  // What a 1 MB course file of control characters becomes as a JSON string: six times larger than the file,
  // three times the limit.
  const inflated = await post(
    JSON.stringify([{ file: "\u0001".repeat(1024 * 1024), operationId: "00000000-0000-4000-8000-000000000002" }]),
  );
  expect([inflated.status(), await inflated.text()]).toEqual([413, "action_body_too_large"]);
});
