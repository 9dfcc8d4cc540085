import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activityEvents, courseProgress, groupChatState, groupMembers, groupMessages, groupReads, learningGroups } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createCourse, createGroup, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { getGroupPreview, listDiscoverGroups, listMyGroupsOverview } from "./queries";
import { getGroupAccess, requireGroupAccess } from "@/lib/group-access/access";

let handle: TestDatabase;
let admin: TestPerson;
let lena: TestPerson;
let omar: TestPerson;
let outsider: TestPerson;
let outsiderAdmin: TestPerson;

beforeAll(async () => {
  handle = await createTestDatabase();
  const acme = await createCompany(handle.db, "Acme");
  const globex = await createCompany(handle.db, "Globex");
  admin = await createPerson(handle.db, acme.id, { roles: ["admin"] });
  lena = await createPerson(handle.db, acme.id);
  omar = await createPerson(handle.db, acme.id);
  outsider = await createPerson(handle.db, globex.id);
  outsiderAdmin = await createPerson(handle.db, globex.id, { roles: ["admin"] });
});
afterAll(() => handle.close());

const at = (iso: string) => new Date(iso);
let seq = 0;
async function post(group: { id: string; companyId: string }, author: TestPerson, createdAt: Date, deleted = false) {
  seq += 1;
  await handle.db.insert(groupMessages).values({
    companyId: group.companyId,
    groupId: group.id,
    authorId: author.id,
    kind: "note",
    body: "hello",
    seq,
    operationKey: opId(),
    createdAt,
    deletedAt: deleted ? createdAt : null,
  });
}

describe("My groups", () => {
  it("shows my active groups with course, my progress, unread messages by others and the last activity; archived apart", async () => {
    const course = await createCourse(handle.db, admin.companyId, "Security basics");
    const withCourse = await createGroup(handle.db, admin, { name: "Onboarding", courseId: course.id, members: [lena, omar] });
    const chatOnly = await createGroup(handle.db, admin, { name: "Coffee", members: [lena, omar] });
    const archived = await createGroup(handle.db, admin, { name: "Old wave", members: [lena] });
    await handle.db.update(learningGroups).set({ archivedAt: new Date() }).where(eq(learningGroups.id, archived.id));
    await createGroup(handle.db, admin, { name: "Not mine", members: [omar] });

    await handle.db.insert(courseProgress).values({ companyId: admin.companyId, userId: lena.id, courseId: course.id, percent: 40 });
    // Onboarding: read up to 10:00; after it, two messages by Omar (one deleted) and one of mine.
    await handle.db
      .insert(groupReads)
      .values({ userId: lena.id, groupId: withCourse.id, companyId: admin.companyId, lastReadAt: at("2026-01-01T10:00:00Z") });
    await post(withCourse, omar, at("2026-01-01T09:00:00Z"));
    await post(withCourse, omar, at("2026-01-01T11:00:00Z"));
    await post(withCourse, omar, at("2026-01-01T11:30:00Z"), true);
    await post(withCourse, lena, at("2026-01-01T12:00:00Z"));
    await handle.db
      .insert(groupChatState)
      .values({ groupId: withCourse.id, companyId: admin.companyId, lastSeq: seq, lastMessageAt: at("2026-01-01T12:00:00Z") });
    // Coffee: never read since I joined on New Year's Day (what came before is history, not news),
    // and without a course only the chat makes activity.
    await handle.db
      .update(groupMembers)
      .set({ addedAt: at("2026-01-01T00:00:00Z") })
      .where(and(eq(groupMembers.groupId, chatOnly.id), eq(groupMembers.userId, lena.id)));
    await post(chatOnly, omar, at("2025-12-31T08:00:00Z"));
    await post(chatOnly, omar, at("2026-01-02T08:00:00Z"));
    await handle.db
      .insert(groupChatState)
      .values({ groupId: chatOnly.id, companyId: admin.companyId, lastSeq: seq, lastMessageAt: at("2026-01-02T08:00:00Z") });
    // A feed event on the linked course by a member, later than the chat (and than their joining).
    const lessonDone = new Date(Date.now() + 1000);
    await handle.db
      .insert(activityEvents)
      .values({ companyId: admin.companyId, userId: omar.id, type: "lesson_completed", courseId: course.id, createdAt: lessonDone });

    const { active, archived: old } = await listMyGroupsOverview(handle.db, lena);
    expect(active.map((g) => g.name)).toEqual(["Onboarding", "Coffee"]);
    expect(active[0]).toMatchObject({ courseTitle: "Security basics", myPercent: 40, memberCount: 2, unread: 1 });
    expect(active[0]!.lastActivityAt).toEqual(lessonDone);
    expect(active[1]).toMatchObject({ courseTitle: null, myPercent: null, unread: 1 });
    expect(active[1]!.lastActivityAt).toEqual(at("2026-01-02T08:00:00Z"));
    expect(old.map((g) => g.name)).toEqual(["Old wave"]);
  });

  it("does not count a person's course events from before they joined as the group's activity", async () => {
    const course = await createCourse(handle.db, admin.companyId);
    const group = await createGroup(handle.db, admin, { courseId: course.id, members: [lena] });
    await handle.db
      .insert(activityEvents)
      .values({ companyId: admin.companyId, userId: omar.id, type: "lesson_completed", courseId: course.id });
    const card = (await listMyGroupsOverview(handle.db, lena)).active.find((g) => g.id === group.id);
    expect(card?.lastActivityAt).toBeNull();
  });

  it("is empty for someone in no group, and shows nothing of another company", async () => {
    expect(await listMyGroupsOverview(handle.db, outsider)).toEqual({ active: [], archived: [] });
  });
});

describe("Discover and the preview", () => {
  it("lists my company's public active groups I am not in, searched by name, with counts", async () => {
    const company = await createCompany(handle.db, "Initech");
    const boss = await createPerson(handle.db, company.id, { roles: ["admin"] });
    const me = await createPerson(handle.db, company.id);
    await createGroup(handle.db, boss, { name: "Book club", visibility: "public", maxMembers: 10, members: [boss] });
    await createGroup(handle.db, boss, { name: "Chess", visibility: "public" });
    await createGroup(handle.db, boss, { name: "Mine", visibility: "public", members: [me] });
    await createGroup(handle.db, boss, { name: "Secret", visibility: "private" });
    const archived = await createGroup(handle.db, boss, { name: "Bygone", visibility: "public" });
    await handle.db.update(learningGroups).set({ archivedAt: new Date() }).where(eq(learningGroups.id, archived.id));

    const all = await listDiscoverGroups(handle.db, me);
    expect(all.rows.map((g) => g.name)).toEqual(["Book club", "Chess"]);
    expect(all.rows[0]).toMatchObject({ memberCount: 1, maxMembers: 10 });
    expect(all.total).toBe(2);
    expect((await listDiscoverGroups(handle.db, me, { search: "CHE" })).rows.map((g) => g.name)).toEqual(["Chess"]);
    expect((await listDiscoverGroups(handle.db, outsider)).rows.map((g) => g.name)).not.toContain("Chess");
  });

  it("previews a public group to a non-member of the company only", async () => {
    const course = await createCourse(handle.db, admin.companyId, "Python");
    const group = await createGroup(handle.db, admin, { name: "Pythonistas", visibility: "public", courseId: course.id, members: [omar] });
    const secret = await createGroup(handle.db, admin, { name: "Board", members: [omar] });
    expect(await getGroupPreview(handle.db, lena, await requireGroupAccess(handle.db, lena, group.id))).toMatchObject({
      name: "Pythonistas",
      courseTitle: "Python",
      memberCount: 1,
    });
    expect(await getGroupPreview(handle.db, lena, await requireGroupAccess(handle.db, lena, secret.id))).toBeNull();
    expect(await getGroupPreview(handle.db, omar, await requireGroupAccess(handle.db, omar, group.id))).toBeNull();
    // Another company's group does not exist for them: no access, so nothing to preview.
    expect(await getGroupAccess(handle.db, outsider, group.id)).toBeNull();
    expect(await getGroupAccess(handle.db, outsiderAdmin, group.id)).toBeNull();
  });
});
