import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { courseProgress } from "@/db/schema";
import { listMessages } from "@/lib/chat/queries";
import { postMessageSchema } from "@/lib/chat/schemas";
import { postMessage } from "@/lib/chat/operations/post-message";
import { listFeed } from "@/lib/feed/queries";
import { completeLesson } from "@/lib/learning/operations/complete-lesson";
import { countUnreadNotifications, listNotifications } from "@/lib/notifications/queries";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createCourse, createGroup, createLessons, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { refusalOr } from "@/tests/refusal";
import { addMembers } from "./operations/add-members";
import { removeMembers } from "./operations/remove-members";
import { requireGroupAccess } from "@/lib/group-access/access";

/**
 * The spec on removing a member: "The person receives a notification. Their previous learning-group
 * activity (posted messages, progress on the linked course) is retained — but they no longer see the
 * group's activity feed."
 */
let handle: TestDatabase;
let admin: TestPerson;
let rita: TestPerson;
let sam: TestPerson;
let group: { id: string; name: string };
let courseId: string;
let messageIds: string[];

beforeAll(async () => {
  handle = await createTestDatabase();
  const company = await createCompany(handle.db, "Acme");
  admin = await createPerson(handle.db, company.id, { roles: ["admin"], name: "Dana Admin" });
  rita = await createPerson(handle.db, company.id, { name: "Rita Removed" });
  sam = await createPerson(handle.db, company.id, { name: "Sam Stays" });
  const course = await createCourse(handle.db, company.id, "Onboarding basics");
  courseId = course.id;
  const [first] = await createLessons(handle.db, course, [null, null]);
  group = await createGroup(handle.db, admin, { name: "Wave R", courseId });
  // Added as the admin does, so the ledger knows since when they are members.
  await addMembers(handle.db, admin, { groupId: group.id, selection: { mode: "people", userIds: [rita.id, sam.id] }, operationId: opId() });
  // While a member, Rita learns, writes and praises.
  await completeLesson(handle.db, rita, { lessonId: first!.id, operationId: opId() });
  const post = (kind: "note" | "praise", body: string) =>
    postMessage(
      handle.db,
      rita,
      postMessageSchema.parse({
        groupId: group.id,
        operationId: opId(),
        kind,
        body,
        praisedUserId: kind === "praise" ? sam.id : undefined,
      }),
    );
  messageIds = [(await post("note", "See you all Monday")).result.id, (await post("praise", "Sam explained it best")).result.id];
  await removeMembers(handle.db, admin, { groupId: group.id, userIds: [rita.id], operationId: opId() });
});
afterAll(() => handle.close());

describe("a removed member", () => {
  it("keeps their messages in the chat, under their name", async () => {
    const { messages } = await listMessages(handle.db, sam, await requireGroupAccess(handle.db, sam, group.id));
    expect(messages.filter((message) => messageIds.includes(message.id))).toEqual([
      expect.objectContaining({ authorId: rita.id, authorName: "Rita Removed", body: "See you all Monday", deletedAt: null }),
      expect.objectContaining({ authorId: rita.id, authorName: "Rita Removed", body: "Sam explained it best", kind: "praise" }),
    ]);
  });

  it("keeps their progress on the linked course and their earlier entries in the group's feed, which they no longer see", async () => {
    expect(await handle.db.$count(courseProgress, and(eq(courseProgress.userId, rita.id), eq(courseProgress.courseId, courseId)))).toBe(1);
    const { entries } = await listFeed(handle.db, sam, await requireGroupAccess(handle.db, sam, group.id));
    expect(
      entries
        .filter((entry) => entry.userId === rita.id)
        .map((entry) => entry.type)
        .sort(),
    ).toEqual(["badge_awarded", "lesson_completed", "praise"]);
    expect(await refusalOr(async () => listFeed(handle.db, rita, await requireGroupAccess(handle.db, rita, group.id)))).toBe("not_found");
    expect(await refusalOr(async () => listMessages(handle.db, rita, await requireGroupAccess(handle.db, rita, group.id)))).toBe(
      "not_found",
    );
  });

  it("has the removal notification stored: the bell's queries show it, unread, after a reload", async () => {
    const [unread, page] = await Promise.all([countUnreadNotifications(handle.db, rita), listNotifications(handle.db, rita)]);
    expect(page.items[0]).toMatchObject({ type: "group.removed", readAt: null, payload: { groupName: "Wave R", actorName: "Dana Admin" } });
    expect(unread).toBeGreaterThanOrEqual(1);
    // Positive control of the query: the member who stays has no such notification.
    expect((await listNotifications(handle.db, sam)).items.map((item) => item.type)).not.toContain("group.removed");
  });
});
