import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { activityEvents, groupMembers, groupMessages, learningGroups, membershipEvents } from "@/db/schema";
import { type ActivityRow, insertActivities } from "@/lib/learning/activities";
import { addMembers } from "@/lib/membership/operations/add-members";
import { removeMembers } from "@/lib/membership/operations/remove-members";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createCourse, createGroup, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { refusalOr } from "@/tests/refusal";
import { FEED_PAGE_SIZE, listFeed, listFeedSince } from "./queries";
import { requireGroupAccess } from "@/lib/group-access/access";

let handle: TestDatabase;
let admin: TestPerson;
let viewer: TestPerson;
let courseId: string;

const T0 = Date.parse("2026-03-01T09:00:00Z");
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

beforeAll(async () => {
  handle = await createTestDatabase();
  const acme = await createCompany(handle.db, "Acme");
  admin = await createPerson(handle.db, acme.id, { roles: ["admin"], name: "Dana Admin" });
  viewer = await createPerson(handle.db, acme.id, { name: "Vera Viewer" });
});
// A course per test: the shared viewer's own events stay within the test that wrote them.
beforeEach(async () => {
  courseId = (await createCourse(handle.db, admin.companyId, "Security")).id;
});
afterAll(() => handle.close());

/** A ledger row written as the membership services write them; the current membership follows it. */
async function ledger(groupId: string, person: TestPerson, kind: "added" | "removed", when: Date) {
  await handle.db.insert(membershipEvents).values({
    companyId: person.companyId,
    groupId,
    userId: person.id,
    kind,
    actorId: admin.id,
    source: "individual",
    at: when,
  });
  if (kind === "added") {
    await handle.db
      .insert(groupMembers)
      .values({ groupId, userId: person.id, companyId: person.companyId, source: "individual" })
      .onConflictDoNothing();
  } else {
    await handle.db.delete(groupMembers).where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, person.id)));
  }
}

async function completion(person: TestPerson, when: Date, lessonTitle: string, course = courseId): Promise<ActivityRow> {
  const [row] = await insertActivities(handle.db, person.companyId, [
    { userId: person.id, type: "lesson_completed", courseId: course, payload: { lessonTitle, score: 80 }, createdAt: when },
  ]);
  return row!;
}

async function praise(groupId: string, author: TestPerson, praised: TestPerson, body: string, when: Date) {
  const [message] = await handle.db
    .insert(groupMessages)
    .values({
      companyId: author.companyId,
      groupId,
      authorId: author.id,
      kind: "praise",
      body,
      praisedUserId: praised.id,
      seq: Math.floor(Math.random() * 1e9),
      operationKey: randomUUID(),
      createdAt: when,
    })
    .returning();
  const [event] = await handle.db
    .insert(activityEvents)
    .values({
      companyId: author.companyId,
      userId: author.id,
      type: "praise",
      courseId,
      groupId,
      messageId: message!.id,
      createdAt: when,
    })
    .returning();
  return event!;
}

const titles = (entries: { lessonTitle: string | null }[]) => entries.map((e) => e.lessonTitle);

describe("a group's feed", () => {
  it("shows a person's events only inside their membership periods, across removal and re-adding", async () => {
    const group = await createGroup(handle.db, admin, { courseId, members: [viewer] });
    await ledger(group.id, viewer, "added", at(0));
    const ben = await createPerson(handle.db, admin.companyId, { name: "Ben Back" });
    await completion(ben, at(5), "before");
    await ledger(group.id, ben, "added", at(10));
    await completion(ben, at(10), "at the add");
    await completion(ben, at(15), "first period");
    await ledger(group.id, ben, "removed", at(20));
    await completion(ben, at(25), "between");
    await ledger(group.id, ben, "added", at(30));
    await completion(ben, at(35), "second period");
    await completion(viewer, at(36), "viewer's own");

    const page = await listFeed(handle.db, viewer, await requireGroupAccess(handle.db, viewer, group.id));
    expect(titles(page.entries)).toEqual(["viewer's own", "second period", "first period", "at the add"]);
    // Each entry names its course (a certificate shows it rather than its serial).
    expect(page.entries[1]).toMatchObject({
      type: "lesson_completed",
      userName: "Ben Back",
      score: 80,
      userId: ben.id,
      courseTitle: "Security",
    });
    expect(page.hasMore).toBe(false);
  });

  it("keeps a removed member's earlier entries and shows nothing of theirs afterwards, through the membership services", async () => {
    const group = await createGroup(handle.db, admin, { courseId, members: [viewer] });
    const leaver = await createPerson(handle.db, admin.companyId, { name: "Lea Leaver" });
    await addMembers(handle.db, admin, { groupId: group.id, selection: { mode: "people", userIds: [leaver.id] }, operationId: opId() });
    const [added] = await handle.db
      .select()
      .from(membershipEvents)
      .where(and(eq(membershipEvents.groupId, group.id), eq(membershipEvents.userId, leaver.id)));
    await completion(leaver, new Date(added!.at.getTime() + 1), "while a member");
    await removeMembers(handle.db, admin, { groupId: group.id, userIds: [leaver.id], operationId: opId() });
    await completion(leaver, new Date(Date.now() + 1_000), "after removal");

    expect(titles((await listFeed(handle.db, viewer, await requireGroupAccess(handle.db, viewer, group.id))).entries)).toEqual([
      "while a member",
    ]);
  });

  it("leaves out other courses' events, other groups' praise, and another company's people", async () => {
    const group = await createGroup(handle.db, admin, { courseId, members: [viewer] });
    const other = await createGroup(handle.db, admin, { courseId, members: [viewer] });
    const peer = await createPerson(handle.db, admin.companyId, { name: "Pia Peer" });
    await ledger(group.id, viewer, "added", at(0));
    await ledger(group.id, peer, "added", at(0));
    await ledger(other.id, peer, "added", at(0));
    const otherCourse = await createCourse(handle.db, admin.companyId, "Other");
    await completion(peer, at(1), "on the course");
    await completion(peer, at(2), "other course", otherCourse.id);
    await praise(group.id, peer, viewer, "Thanks for **the notes**", at(3));
    await praise(other.id, peer, viewer, "said elsewhere", at(4));

    const globex = await createCompany(handle.db, "Globex");
    const stranger = await createPerson(handle.db, globex.id, { name: "Stan Stranger" });
    const theirCourse = await createCourse(handle.db, globex.id, "Theirs");
    // A foreign row pointing at our group and course cannot enter our feed: every branch filters by company.
    await handle.db.insert(membershipEvents).values({
      companyId: globex.id,
      groupId: group.id,
      userId: stranger.id,
      kind: "added",
      source: "individual",
      at: at(0),
    });
    await completion(stranger, at(5), "foreign", theirCourse.id);

    const { entries } = await listFeed(handle.db, viewer, await requireGroupAccess(handle.db, viewer, group.id));
    expect(entries.map((e) => e.type)).toEqual(["praise", "lesson_completed"]);
    expect(entries[0]).toMatchObject({ userName: "Pia Peer", praisedName: "Vera Viewer", praiseText: "Thanks for **the notes**" });
    expect(entries[1]!.lessonTitle).toBe("on the course");
  });

  it("does not exist for non-members of private and public groups, nor for another company; admins read it", async () => {
    const outsider = await createPerson(handle.db, admin.companyId);
    const privateGroup = await createGroup(handle.db, admin, { courseId, members: [viewer] });
    const publicGroup = await createGroup(handle.db, admin, { courseId, visibility: "public", members: [viewer] });
    const globex = await createCompany(handle.db, "Globex 2");
    const foreignAdmin = await createPerson(handle.db, globex.id, { roles: ["admin"] });
    const noCourse = await createGroup(handle.db, admin, { members: [viewer] });

    expect(await refusalOr(async () => listFeed(handle.db, outsider, await requireGroupAccess(handle.db, outsider, privateGroup.id)))).toBe(
      "not_found",
    );
    expect(await refusalOr(async () => listFeed(handle.db, outsider, await requireGroupAccess(handle.db, outsider, publicGroup.id)))).toBe(
      "not_found",
    );
    expect(
      await refusalOr(async () => listFeed(handle.db, foreignAdmin, await requireGroupAccess(handle.db, foreignAdmin, privateGroup.id))),
    ).toBe("not_found");
    expect(
      await refusalOr(async () =>
        listFeedSince(handle.db, outsider, await requireGroupAccess(handle.db, outsider, privateGroup.id), {
          createdAt: at(0).toISOString(),
          id: randomUUID(),
        }),
      ),
    ).toBe("not_found");
    expect(await refusalOr(async () => listFeed(handle.db, viewer, await requireGroupAccess(handle.db, viewer, noCourse.id)))).toBe(
      "not_found",
    );
    await expect(listFeed(handle.db, viewer, await requireGroupAccess(handle.db, viewer, privateGroup.id))).resolves.toMatchObject({
      entries: [],
    });
    await expect(listFeed(handle.db, viewer, await requireGroupAccess(handle.db, viewer, publicGroup.id))).resolves.toMatchObject({
      entries: [],
    });
    await expect(listFeed(handle.db, admin, await requireGroupAccess(handle.db, admin, privateGroup.id))).resolves.toMatchObject({
      entries: [],
    });
  });

  it("stays readable to members of an archived group", async () => {
    const group = await createGroup(handle.db, admin, { courseId, members: [viewer] });
    await ledger(group.id, viewer, "added", at(0));
    await completion(viewer, at(1), "kept");
    await handle.db.update(learningGroups).set({ archivedAt: new Date() }).where(eq(learningGroups.id, group.id));
    expect(titles((await listFeed(handle.db, viewer, await requireGroupAccess(handle.db, viewer, group.id))).entries)).toEqual(["kept"]);
  });

  it("pages by (created_at, id) without skipping or repeating entries that share a moment, and fetches what is newer", async () => {
    const group = await createGroup(handle.db, admin, { courseId, members: [viewer] });
    await ledger(group.id, viewer, "added", at(0));
    const total = FEED_PAGE_SIZE * 2 + 5;
    // Ten entries per moment, so page boundaries fall inside groups of equal created_at.
    const rows: ActivityRow[] = [];
    for (let i = 0; i < total; i++) rows.push(await completion(viewer, at(100 + Math.floor(i / 10)), `lesson ${i}`));
    const expected = [...rows].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1)).map((row) => row.id);

    const seen: string[] = [];
    let before = null;
    for (;;) {
      const page: Awaited<ReturnType<typeof listFeed>> = await listFeed(
        handle.db,
        viewer,
        await requireGroupAccess(handle.db, viewer, group.id),
        { before },
      );
      seen.push(...page.entries.map((e) => e.id));
      if (!page.hasMore) break;
      const last = page.entries.at(-1)!;
      before = { createdAt: last.createdAt, id: last.id };
    }
    expect(seen).toEqual(expected);

    const held = rows.find((row) => row.id === expected[12])!;
    const since = await listFeedSince(handle.db, viewer, await requireGroupAccess(handle.db, viewer, group.id), {
      createdAt: held.createdAt.toISOString(),
      id: held.id,
    });
    expect(since).toEqual({ complete: true, entries: expect.any(Array) });
    expect(since.entries.map((e) => e.id)).toEqual(expected.slice(0, 12));

    const oldest = rows.find((row) => row.id === expected.at(-1))!;
    const behind = await listFeedSince(handle.db, viewer, await requireGroupAccess(handle.db, viewer, group.id), {
      createdAt: oldest.createdAt.toISOString(),
      id: oldest.id,
    });
    expect(behind.entries.map((e) => e.id)).toEqual(expected.slice(0, total - 1));
    expect(behind.complete).toBe(true);
  });
});
