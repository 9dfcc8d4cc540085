import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  activityEvents,
  auditLog,
  certificates,
  courseProgress,
  groupMembers,
  groupMessages,
  learningGroups,
  membershipEvents,
  notifications,
  userBadges,
} from "@/db/schema";
import { postMessageSchema } from "@/lib/chat/schemas";
import { postMessage } from "@/lib/chat/operations/post-message";
import { completeLesson } from "@/lib/learning/operations/complete-lesson";
import { addMembers } from "@/lib/membership/operations/add-members";
import { deactivatePerson } from "@/lib/people/operations/deactivate-person";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import {
  createCompany,
  createCourse,
  createGroup as createFixtureGroup,
  createLessons,
  createPerson,
  opId,
  type TestPerson,
} from "@/tests/fixtures";
import { userChannel } from "@/lib/realtime/channels";
import { createGroupSchema } from "./schemas";
import { archiveGroup } from "./operations/archive-group";
import { createGroup } from "./operations/create-group";
import { deleteGroup } from "./operations/delete-group";
import { restoreGroup } from "./operations/restore-group";
import { takeOwnership } from "./operations/take-ownership";
import { updateGroup } from "./operations/update-group";

let handle: TestDatabase;
let admin: TestPerson;
let otherAdmin: TestPerson;
let learner: TestPerson;
let courseId: string;
let foreignCourseId: string;

const fields = (name: string, extra: Partial<{ courseId: string | null; maxMembers: number | null }> = {}) =>
  createGroupSchema.parse({ name, operationId: opId(), ...extra });

beforeAll(async () => {
  handle = await createTestDatabase();
  const acme = await createCompany(handle.db, "Acme");
  const globex = await createCompany(handle.db, "Globex");
  admin = await createPerson(handle.db, acme.id, { roles: ["admin"], name: "Dana Admin" });
  otherAdmin = await createPerson(handle.db, acme.id, { roles: ["admin"], name: "Omar Admin" });
  learner = await createPerson(handle.db, acme.id);
  courseId = (await createCourse(handle.db, acme.id)).id;
  foreignCourseId = (await createCourse(handle.db, globex.id)).id;
});
afterAll(() => handle.close());

describe("creating a group", () => {
  it("creates it with the creator as owner, audited, once per operation id", async () => {
    const input = fields("Onboarding Q1 2026", { courseId, maxMembers: 30 });
    const { result } = await createGroup(handle.db, admin, input);
    const replay = await createGroup(handle.db, admin, input);
    expect(replay.result).toEqual(result);
    const rows = await handle.db.select().from(learningGroups).where(eq(learningGroups.name, "Onboarding Q1 2026"));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ createdBy: admin.id, ownerId: admin.id, visibility: "private", courseId, maxMembers: 30 });
    const audit = await handle.db.select().from(auditLog).where(eq(auditLog.targetId, result.groupId));
    expect(audit.map((a) => a.action)).toEqual(["group.created"]);
  });

  it("refuses a name an active group has, regardless of case", async () => {
    await expect(createGroup(handle.db, otherAdmin, fields("ONBOARDING q1 2026"))).rejects.toMatchObject({
      code: "name_taken",
      values: { name: "ONBOARDING q1 2026" },
    });
  });

  it("refuses another company's course and anyone who is not an admin", async () => {
    await expect(createGroup(handle.db, admin, fields("Foreign course", { courseId: foreignCourseId }))).rejects.toMatchObject({
      code: "course_not_found",
    });
    await expect(createGroup(handle.db, learner, fields("Learner group"))).rejects.toMatchObject({ code: "forbidden" });
    expect(await handle.db.select().from(learningGroups).where(eq(learningGroups.name, "Learner group"))).toEqual([]);
  });

  it("validates each field with a specific message", () => {
    const issues = (input: Record<string, unknown>) =>
      createGroupSchema.safeParse({ operationId: opId(), ...input }).error?.issues.map((i) => [i.path.join("."), i.message]);
    expect(issues({ name: "  " })).toEqual([["name", "validation.nameRequired"]]);
    expect(issues({ name: "x".repeat(121) })).toEqual([["name", "validation.nameTooLong"]]);
    expect(issues({ name: "ok", description: "d".repeat(2001) })).toEqual([["description", "validation.descriptionTooLong"]]);
    expect(issues({ name: "ok", maxMembers: "0" })).toEqual([["maxMembers", "validation.maxMembersRange"]]);
    expect(issues({ name: "ok", maxMembers: "10001" })).toEqual([["maxMembers", "validation.maxMembersRange"]]);
    expect(issues({ name: "ok", maxMembers: "2.5" })).toEqual([["maxMembers", "validation.maxMembersNumber"]]);
    expect(createGroupSchema.parse({ name: " ok ", maxMembers: "", courseId: "", operationId: opId() })).toMatchObject({
      name: "ok",
      maxMembers: null,
      courseId: null,
      visibility: "private",
    });
  });
});

describe("editing, archiving, restoring, deleting", () => {
  let groupId: string;
  beforeAll(async () => {
    groupId = (await createGroup(handle.db, admin, fields("Sales Refresher 2026", { maxMembers: 10 }))).result.groupId;
    const people = await Promise.all([1, 2, 3].map(() => createPerson(handle.db, admin.companyId)));
    await addMembers(handle.db, admin, {
      groupId,
      selection: { mode: "people", userIds: people.map((p) => p.id) },
      operationId: opId(),
    });
  });

  it("refuses a maximum below the member count, with both numbers", async () => {
    const input = { ...fields("Sales Refresher 2026", { maxMembers: 2 }), groupId };
    await expect(updateGroup(handle.db, admin, input)).rejects.toMatchObject({
      code: "max_below_members",
      values: { max: 2, members: 3 },
    });
    await updateGroup(handle.db, admin, { ...fields("Sales Refresher 2026", { maxMembers: 3, courseId }), groupId });
    const [row] = await handle.db.select().from(learningGroups).where(eq(learningGroups.id, groupId));
    expect(row).toMatchObject({ maxMembers: 3, courseId });
  });

  it("archives: read-only afterwards, and the name is free again", async () => {
    await archiveGroup(handle.db, admin, { groupId, operationId: opId() });
    await expect(updateGroup(handle.db, admin, { ...fields("Renamed"), groupId })).rejects.toMatchObject({ code: "group_archived" });
    await expect(archiveGroup(handle.db, admin, { groupId, operationId: opId() })).rejects.toMatchObject({
      code: "group_archived",
    });
    const clash = await createGroup(handle.db, admin, fields("sales refresher 2026"));
    await expect(restoreGroup(handle.db, admin, { groupId, operationId: opId() })).rejects.toMatchObject({
      code: "restore_name_taken",
      values: { name: "Sales Refresher 2026" },
    });
    await deleteGroup(handle.db, admin, { groupId: clash.result.groupId, operationId: opId(), confirmName: "sales refresher 2026" });
    await restoreGroup(handle.db, admin, { groupId, operationId: opId() });
    const [row] = await handle.db.select().from(learningGroups).where(eq(learningGroups.id, groupId));
    expect(row?.archivedAt).toBeNull();
  });

  it("restoring lets people deactivated while it was archived leave it, in the ledger", async () => {
    const staying = await createPerson(handle.db, admin.companyId);
    const leaving = await createPerson(handle.db, admin.companyId);
    const group = await createFixtureGroup(handle.db, admin, { name: "Archived wave", members: [staying, leaving] });
    await archiveGroup(handle.db, admin, { groupId: group.id, operationId: opId() });
    await deactivatePerson(handle.db, admin, { personId: leaving.id, operationId: opId() });
    const kept = await handle.db.select().from(groupMembers).where(eq(groupMembers.groupId, group.id));
    expect(kept).toHaveLength(2);

    await restoreGroup(handle.db, admin, { groupId: group.id, operationId: opId() });
    const members = await handle.db.select({ userId: groupMembers.userId }).from(groupMembers).where(eq(groupMembers.groupId, group.id));
    expect(members).toEqual([{ userId: staying.id }]);
    const ledger = await handle.db
      .select()
      .from(membershipEvents)
      .where(eq(membershipEvents.groupId, group.id))
      .orderBy(membershipEvents.id);
    // After the fixture's two adds, the one row the restore wrote.
    expect(ledger.slice(2)).toEqual([expect.objectContaining({ userId: leaving.id, kind: "removed", source: "deactivation" })]);
  });

  it("takes ownership, audited, the previous owner told", async () => {
    const taken = await takeOwnership(handle.db, otherAdmin, { groupId, operationId: opId() });
    const [row] = await handle.db.select().from(learningGroups).where(eq(learningGroups.id, groupId));
    expect(row).toMatchObject({ ownerId: otherAdmin.id, createdBy: admin.id });
    const audit = await handle.db.select().from(auditLog).where(eq(auditLog.action, "group.ownership_taken"));
    expect(audit).toEqual([
      expect.objectContaining({ actorId: otherAdmin.id, targetId: groupId, details: { previousOwnerId: admin.id, visibility: "private" } }),
    ]);
    const told = await handle.db.select().from(notifications).where(eq(notifications.type, "group.ownershipTaken"));
    expect(told).toEqual([
      expect.objectContaining({ userId: admin.id, groupId, payload: { groupName: "Sales Refresher 2026", actorName: "Omar Admin" } }),
    ]);
    expect(taken.events?.some((event) => event.channels.includes(userChannel(admin.id)))).toBe(true);
    await expect(takeOwnership(handle.db, learner, { groupId, operationId: opId() })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("deletes only with the exact name; members, ledger and notifications go, progress and one audit row stay", async () => {
    const [member] = await handle.db.select().from(groupMembers).where(eq(groupMembers.groupId, groupId));
    await handle.db
      .insert(courseProgress)
      .values({ companyId: admin.companyId, userId: member!.userId, courseId, lessonsDone: 1, percent: 10 });
    // The group is otherAdmin's now (the test above): the previous owner may no longer delete it.
    await expect(
      deleteGroup(handle.db, admin, { groupId, operationId: opId(), confirmName: "Sales Refresher 2026" }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      deleteGroup(handle.db, otherAdmin, { groupId, operationId: opId(), confirmName: "sales refresher" }),
    ).rejects.toMatchObject({ code: "delete_name_mismatch" });
    const deletion = { groupId, operationId: opId(), confirmName: "Sales Refresher 2026" };
    await deleteGroup(handle.db, otherAdmin, deletion);
    // A replay of one's own delete answers as the first one did.
    expect(await deleteGroup(handle.db, otherAdmin, deletion)).toEqual({ result: null });
    expect(await handle.db.select().from(learningGroups).where(eq(learningGroups.id, groupId))).toEqual([]);
    expect(await handle.db.select().from(groupMembers).where(eq(groupMembers.groupId, groupId))).toEqual([]);
    expect(await handle.db.select().from(membershipEvents).where(eq(membershipEvents.groupId, groupId))).toEqual([]);
    expect(await handle.db.select().from(notifications).where(eq(notifications.groupId, groupId))).toEqual([]);
    expect(await handle.db.select().from(courseProgress).where(eq(courseProgress.userId, member!.userId))).toHaveLength(1);
    const deletions = await handle.db.select().from(auditLog).where(eq(auditLog.action, "group.deleted"));
    const audit = deletions.find((row) => row.details.groupId === groupId);
    // Notifications: Dana's about the ownership taken (the three "added you" notices were the memberships').
    expect(audit?.details).toMatchObject({ groupId, name: "Sales Refresher 2026", members: 3, ledger: 3, notifications: 1 });
  });
});

describe("what deleting a group takes with it (the spec: chat, activity feed and member list go; learning progress stays)", () => {
  it("removes its chat messages and its praise feed entries; the learners' own activity, progress, badges and certificates stay", async () => {
    const course = await createCourse(handle.db, admin.companyId, "Deletion course");
    const [lesson] = await createLessons(handle.db, course, [null]);
    const colleague = await createPerson(handle.db, admin.companyId, { name: "Cleo Colleague" });
    const group = await createFixtureGroup(handle.db, admin, { name: "Doomed wave", courseId: course.id, members: [learner, colleague] });
    const other = await createFixtureGroup(handle.db, admin, {
      name: "Surviving wave",
      courseId: course.id,
      members: [learner, colleague],
    });
    // The learner finishes the course: lesson and course events, a badge, a certificate.
    await completeLesson(handle.db, learner, { lessonId: lesson!.id, operationId: opId() }, { now: new Date("2026-05-04T08:00:00Z") });
    const post = (groupId: string, kind: "note" | "praise", at: string) =>
      postMessage(
        handle.db,
        colleague,
        postMessageSchema.parse({
          groupId,
          operationId: opId(),
          kind,
          body: `${kind} in ${groupId}`,
          praisedUserId: kind === "praise" ? learner.id : undefined,
        }),
        { now: new Date(at) },
      );
    await post(group.id, "note", "2026-05-04T09:00:00Z");
    await post(group.id, "praise", "2026-05-04T09:00:02Z");
    await post(other.id, "praise", "2026-05-04T09:00:04Z");
    const learnerOwn = () =>
      handle.db
        .select({ type: activityEvents.type })
        .from(activityEvents)
        .where(and(eq(activityEvents.userId, learner.id), isNull(activityEvents.groupId)));
    const ownBefore = (await learnerOwn()).map((row) => row.type).sort();
    // Positive control: all of it is there before.
    expect(ownBefore).toEqual(expect.arrayContaining(["lesson_completed", "course_completed", "certificate_issued"]));
    expect(await handle.db.$count(groupMessages, eq(groupMessages.groupId, group.id))).toBe(2);
    expect(await handle.db.$count(activityEvents, eq(activityEvents.groupId, group.id))).toBe(1);
    expect(await handle.db.$count(notifications, eq(notifications.groupId, group.id))).toBeGreaterThan(0);

    await deleteGroup(handle.db, admin, { groupId: group.id, operationId: opId(), confirmName: "Doomed wave" });

    expect(await handle.db.$count(groupMessages, eq(groupMessages.groupId, group.id))).toBe(0);
    expect(await handle.db.$count(activityEvents, eq(activityEvents.groupId, group.id))).toBe(0);
    expect(await handle.db.$count(notifications, eq(notifications.groupId, group.id))).toBe(0);
    expect((await learnerOwn()).map((row) => row.type).sort()).toEqual(ownBefore);
    expect(await handle.db.$count(courseProgress, and(eq(courseProgress.userId, learner.id), eq(courseProgress.courseId, course.id)))).toBe(
      1,
    );
    expect(await handle.db.$count(userBadges, eq(userBadges.userId, learner.id))).toBeGreaterThan(0);
    expect(await handle.db.$count(certificates, and(eq(certificates.userId, learner.id), eq(certificates.courseId, course.id)))).toBe(1);
    // Another group's chat and praise are untouched.
    expect(await handle.db.$count(groupMessages, eq(groupMessages.groupId, other.id))).toBe(1);
    expect(await handle.db.$count(activityEvents, eq(activityEvents.groupId, other.id))).toBe(1);
  });
});
