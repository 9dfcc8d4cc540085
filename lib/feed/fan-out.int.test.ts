import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { runBackfills } from "@/db/backfills";
import { activityEvents, backfills, groupMembers, groupMessages, learningGroups, membershipEvents } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createCourse, createGroup, createPerson, type TestPerson } from "@/tests/fixtures";

/**
 * `group_feed` is kept by triggers (migration 0025) and filled for what existed before it by the
 * backfill (db/backfills.ts); the feed's own rules are in feed.int.test.ts. These check the rows.
 */
let handle: TestDatabase;
let admin: TestPerson;
let learner: TestPerson;

beforeAll(async () => {
  handle = await createTestDatabase();
  const company = await createCompany(handle.db, "Fan-out Co");
  admin = await createPerson(handle.db, company.id, { roles: ["admin"] });
  learner = await createPerson(handle.db, company.id, { name: "Lou Learner" });
});
afterAll(() => handle.close());

const feedOf = async (groupId: string) =>
  (
    await queryRows<{ event_id: string }>(
      handle.db,
      sql`select event_id from group_feed where group_id = ${groupId} order by created_at, event_id`,
    )
  ).map((row) => row.event_id);

async function event(person: TestPerson, courseId: string, lessonTitle: string) {
  const [row] = await handle.db
    .insert(activityEvents)
    .values({ companyId: person.companyId, userId: person.id, type: "lesson_completed", courseId, payload: { lessonTitle } })
    .returning();
  return row!.id;
}

describe("a group's feed rows", () => {
  it("follow a learner's events into each of their groups on the course, and leave with the event or the group", async () => {
    const course = await createCourse(handle.db, admin.companyId);
    const other = await createCourse(handle.db, admin.companyId);
    const first = await createGroup(handle.db, admin, { courseId: course.id, members: [learner] });
    const second = await createGroup(handle.db, admin, { courseId: course.id, members: [learner] });
    const elsewhere = await createGroup(handle.db, admin, { courseId: other.id, members: [learner] });
    const notMine = await createGroup(handle.db, admin, { courseId: course.id });

    const done = await event(learner, course.id, "one");
    expect(await feedOf(first.id)).toEqual([done]);
    expect(await feedOf(second.id)).toEqual([done]);
    expect(await feedOf(elsewhere.id)).toEqual([]);
    expect(await feedOf(notMine.id)).toEqual([]);

    await handle.db.delete(activityEvents).where(eq(activityEvents.id, done));
    expect(await feedOf(first.id)).toEqual([]);
    const again = await event(learner, course.id, "two");
    await handle.db.delete(learningGroups).where(eq(learningGroups.id, first.id));
    expect(await feedOf(first.id)).toEqual([]);
    expect(await feedOf(second.id)).toEqual([again]);
  });

  it("are rebuilt from the ledger when the group's course changes, praise kept", async () => {
    const before = await createCourse(handle.db, admin.companyId);
    const after = await createCourse(handle.db, admin.companyId);
    const group = await createGroup(handle.db, admin, { courseId: before.id, members: [learner] });
    const outsider = await createPerson(handle.db, admin.companyId);
    const onBefore = await event(learner, before.id, "on the first course");
    const onAfter = await event(learner, after.id, "on the second course");
    await event(outsider, after.id, "not a member's");
    const [message] = await handle.db
      .insert(groupMessages)
      .values({
        companyId: admin.companyId,
        groupId: group.id,
        authorId: admin.id,
        kind: "praise",
        body: "Well done",
        praisedUserId: learner.id,
        seq: 1,
        operationKey: "k",
      })
      .returning();
    const [praise] = await handle.db
      .insert(activityEvents)
      .values({
        companyId: admin.companyId,
        userId: admin.id,
        type: "praise",
        courseId: before.id,
        groupId: group.id,
        messageId: message!.id,
      })
      .returning();
    expect((await feedOf(group.id)).sort()).toEqual([onBefore, praise!.id].sort());

    await handle.db.update(learningGroups).set({ courseId: after.id }).where(eq(learningGroups.id, group.id));
    expect((await feedOf(group.id)).sort()).toEqual([onAfter, praise!.id].sort());
    await handle.db.update(learningGroups).set({ courseId: null }).where(eq(learningGroups.id, group.id));
    expect(await feedOf(group.id)).toEqual([praise!.id]);
  });

  it("are filled for the events written before the trigger by the backfill, exactly and once", async () => {
    const course = await createCourse(handle.db, admin.companyId);
    const group = await createGroup(handle.db, admin, { courseId: course.id, members: [learner] });
    const leaver = await createPerson(handle.db, admin.companyId);
    await handle.db.insert(groupMembers).values({ groupId: group.id, userId: leaver.id, companyId: admin.companyId, source: "individual" });
    await handle.db
      .insert(membershipEvents)
      .values({ companyId: admin.companyId, groupId: group.id, userId: leaver.id, kind: "added", source: "individual" });
    await event(learner, course.id, "a");
    await event(leaver, course.id, "b");
    await handle.db.delete(groupMembers).where(and(eq(groupMembers.groupId, group.id), eq(groupMembers.userId, leaver.id)));
    await handle.db
      .insert(membershipEvents)
      .values({ companyId: admin.companyId, groupId: group.id, userId: leaver.id, kind: "removed", source: "individual" });
    await event(leaver, course.id, "after leaving");
    const everyFeed = async () => queryRows<object>(handle.db, sql`select * from group_feed order by group_id, created_at, event_id`);
    const kept = await everyFeed();
    expect(await feedOf(group.id)).toHaveLength(2);

    // As before migration 0025: no feed rows, the backfill to do.
    await handle.db.execute(sql`delete from group_feed`);
    await handle.db.update(backfills).set({ cursor: null, doneAt: null }).where(eq(backfills.name, "group_feed"));
    await runBackfills(handle.db);
    expect(await everyFeed()).toEqual(kept);
    const [state] = await handle.db.select().from(backfills).where(eq(backfills.name, "group_feed"));
    expect(state?.doneAt).toBeInstanceOf(Date);
    // Done is done: another run touches nothing.
    await handle.db.execute(sql`delete from group_feed`);
    await runBackfills(handle.db);
    expect(await everyFeed()).toEqual([]);
  });

  it("refuses a backfill no code knows", async () => {
    await handle.db.insert(backfills).values({ name: "unknown_backfill" });
    try {
      await expect(runBackfills(handle.db)).rejects.toThrow(/unknown_backfill/);
    } finally {
      await handle.db.delete(backfills).where(eq(backfills.name, "unknown_backfill"));
    }
  });
});
