import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { assignments, auditLog, groupMembers, membershipEvents, notifications, users } from "@/db/schema";
import { assignCourse } from "@/lib/assignments/operations/assign-course";
import { AppError } from "@/lib/errors";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createCourse, createDepartment, createGroup, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { refusalOr } from "@/tests/refusal";
import { changeDepartment } from "./operations/change-department";
import { createNewHire } from "./operations/create-new-hire";
import { recordLeaver } from "./operations/record-leaver";
import { newHireSchema } from "./schemas";

let handle: TestDatabase;
let admin: TestPerson;
let hr: TestPerson;
let learner: TestPerson;
let manager: TestPerson;
let stranger: TestPerson;
let sales: { id: string };
let support: { id: string };
let foreignDepartment: { id: string };
let wave: { id: string; name: string };
let buddies: { id: string; name: string };
let full: { id: string };
let foreignGroup: { id: string };
let safety: { id: string; title: string };
let privacy: { id: string; title: string };
let ruleCourse: { id: string; title: string };
let foreignCourse: { id: string };

const NOW = new Date("2026-03-02T09:00:00Z");

const hire = (overrides: Record<string, unknown> = {}) =>
  newHireSchema.parse({
    name: "Nora New",
    email: `nora.${opId()}@hire.example`,
    departmentId: sales.id,
    managerId: manager.id,
    startDate: "2026-03-09",
    groupIds: [wave.id],
    courses: [{ courseId: safety.id, daysAfterStart: 14 }],
    operationId: opId(),
    ...overrides,
  });

/** What a failed form must not leave behind. */
const footprint = async () => {
  type Counts = {
    users: number;
    members: number;
    assignments: number;
    notifications: number;
    tokens: number;
    audits: number;
    operations: number;
  };
  const [row] = await queryRows<Counts>(
    handle.db,
    sql`select (select count(*)::int from users) as users, (select count(*)::int from group_members) as members,
               (select count(*)::int from assignments) as assignments, (select count(*)::int from notifications) as notifications,
               (select count(*)::int from account_tokens) as tokens, (select count(*)::int from audit_log) as audits,
               (select count(*)::int from operations) as operations`,
  );
  return row!;
};

const codeOf = async (attempt: Promise<unknown>) => {
  try {
    await attempt;
    return "ok";
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
};

beforeAll(async () => {
  handle = await createTestDatabase();
  const acme = await createCompany(handle.db, "Acme");
  const globex = await createCompany(handle.db, "Globex");
  sales = await createDepartment(handle.db, acme.id, "Sales");
  support = await createDepartment(handle.db, acme.id, "Support");
  foreignDepartment = await createDepartment(handle.db, globex.id, "Globex Sales");
  admin = await createPerson(handle.db, acme.id, { roles: ["admin"], name: "Ada Admin" });
  hr = await createPerson(handle.db, acme.id, { roles: ["hr"], name: "Hana HR" });
  learner = await createPerson(handle.db, acme.id, { name: "Lena Learner" });
  manager = await createPerson(handle.db, acme.id, { name: "Max Manager" });
  const globexAdmin = await createPerson(handle.db, globex.id, { roles: ["admin"] });
  stranger = await createPerson(handle.db, globex.id, { name: "Gary Globex" });
  wave = await createGroup(handle.db, admin, { name: "Onboarding March", visibility: "private" });
  buddies = await createGroup(handle.db, admin, { name: "Buddies", visibility: "public" });
  full = await createGroup(handle.db, admin, { name: "Full", maxMembers: 1, members: [learner] });
  foreignGroup = await createGroup(handle.db, globexAdmin, { name: "Globex Wave" });
  safety = await createCourse(handle.db, acme.id, "Safety");
  privacy = await createCourse(handle.db, acme.id, "Privacy");
  ruleCourse = await createCourse(handle.db, acme.id, "Company basics");
  foreignCourse = await createCourse(handle.db, globex.id, "Globex course");
  // The wave's rule: everyone who joins gets "Company basics" 30 days after joining, waived when they leave.
  await assignCourse(
    handle.db,
    admin,
    {
      courseId: ruleCourse.id,
      deadline: { kind: "relative", days: 30 },
      reminderDays: [-3],
      selection: { mode: "group", groupId: wave.id, keepApplying: true, onRemoval: "waive" },
      operationId: opId(),
    },
    { now: NOW },
  );
});
afterAll(async () => handle.close());

describe("new hire", () => {
  it("invites the person with department and manager, adds them, assigns the courses and the wave's rule from the start date, with one welcome", async () => {
    const input = hire({
      courses: [
        { courseId: safety.id, daysAfterStart: 14 },
        { courseId: privacy.id, daysAfterStart: 30 },
      ],
      groupIds: [wave.id, buddies.id],
    });
    const committed = await createNewHire(handle.db, hr, input, { now: NOW });
    const userId = committed.result.userId;
    expect(committed.result).toEqual({ userId, groups: 2, courses: 3 });
    const [person] = await handle.db.select().from(users).where(eq(users.id, userId));
    expect(person).toMatchObject({ departmentId: sales.id, managerId: manager.id, passwordHash: null, roles: [] });
    expect(committed.mail).toHaveLength(1);
    expect(committed.mail![0]!.to).toBe(input.email);
    const members = await handle.db.select().from(groupMembers).where(eq(groupMembers.userId, userId));
    expect(members.map((m) => m.source)).toEqual(["hr", "hr"]);
    const rows = await handle.db.select().from(assignments).where(eq(assignments.userId, userId));
    const due = Object.fromEntries(rows.map((row) => [row.courseId, [row.dueOn, row.source]]));
    expect(due).toEqual({
      [safety.id]: ["2026-03-23", "hr"],
      [privacy.id]: ["2026-04-08", "hr"],
      // The rule's "30 days after joining" counts from the first day at work.
      [ruleCourse.id]: ["2026-04-08", "rule"],
    });
    const notes = await handle.db.select().from(notifications).where(eq(notifications.userId, userId));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ type: "hr.welcome", payload: { groupCount: 2, courseCount: 3 } });
    expect(String(notes[0]!.payload.groups)).toContain("“Onboarding March”");
    const audits = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, userId)));
    expect(audits.map((a) => [a.action, a.actorKind])).toEqual(
      expect.arrayContaining([
        ["hr.new_hire", "hr"],
        ["person.invited", "hr"],
      ]),
    );
    const [outbox] = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from mail_outbox where user_id = ${userId}`);
    expect(outbox!.n).toBe(0);
    expect(committed.events!.map((e) => e.event)).toContain("personal.news");
  });

  it("answers a replay with the first result and creates nothing more", async () => {
    const input = hire();
    const first = await createNewHire(handle.db, hr, input, { now: NOW });
    const before = await footprint();
    const again = await createNewHire(handle.db, hr, input, { now: NOW });
    expect(again.result).toEqual(first.result);
    expect(again.mail).toBeUndefined();
    expect(await footprint()).toEqual(before);
  });

  it("leaves nothing behind when a group is full, the email is taken or a deadline has passed", async () => {
    const before = await footprint();
    expect(await codeOf(createNewHire(handle.db, hr, hire({ groupIds: [wave.id, full.id] }), { now: NOW }))).toBe("hr_group_full");
    expect(await codeOf(createNewHire(handle.db, hr, hire({ email: learner.email }), { now: NOW }))).toBe(
      "accounts.errors.emailUnavailable",
    );
    expect(await codeOf(createNewHire(handle.db, hr, hire({ startDate: "2026-01-01" }), { now: NOW }))).toBe("hr_deadline_past");
    // Nothing but the audit row of the refused address (lib/accounts/addresses.ts), kept on its own.
    expect(await footprint()).toEqual({ ...before, audits: before.audits + 1 });
  });

  it("lets only one of two new hires racing for a group's last place in; the other leaves nothing", async () => {
    const lastPlace = await createGroup(handle.db, admin, { name: "Last place", maxMembers: 2, members: [learner] });
    const before = await footprint();
    const outcomes = await Promise.all(
      [1, 2].map(() => codeOf(createNewHire(handle.db, hr, hire({ groupIds: [lastPlace.id], courses: [] }), { now: NOW }))),
    );
    expect(outcomes.sort()).toEqual(["hr_group_full", "ok"]);
    const after = await footprint();
    expect(after.users - before.users).toBe(1);
    expect(await handle.db.$count(groupMembers, eq(groupMembers.groupId, lastPlace.id))).toBe(2);
  });

  it("treats another company's department, manager, group and course as not found", async () => {
    const before = await footprint();
    expect(await codeOf(createNewHire(handle.db, hr, hire({ departmentId: foreignDepartment.id }), { now: NOW }))).toBe(
      "accounts.errors.departmentNotFound",
    );
    expect(await codeOf(createNewHire(handle.db, hr, hire({ managerId: stranger.id }), { now: NOW }))).toBe("manager_not_found");
    expect(await codeOf(createNewHire(handle.db, hr, hire({ groupIds: [foreignGroup.id] }), { now: NOW }))).toBe("hr_group_not_found");
    expect(
      await codeOf(createNewHire(handle.db, hr, hire({ courses: [{ courseId: foreignCourse.id, daysAfterStart: 5 }] }), { now: NOW })),
    ).toBe("course_not_found");
    expect(await footprint()).toEqual(before);
  });

  it("is for HR staff and admins, not learners", async () => {
    expect(await refusalOr(() => createNewHire(handle.db, learner, hire(), { now: NOW }))).toBe("forbidden");
    expect((await createNewHire(handle.db, admin, hire({ groupIds: [] }), { now: NOW })).result.groups).toBe(0);
  });
});

describe("department change", () => {
  it("moves the person, joins the new department's groups (rules apply) and leaves the ticked ones (rules waive)", async () => {
    const person = await createNewHire(handle.db, hr, hire({ courses: [] }), { now: NOW });
    const userId = person.result.userId;
    const committed = await changeDepartment(
      handle.db,
      hr,
      {
        personId: userId,
        departmentId: support.id,
        addGroupIds: [buddies.id],
        removeGroupIds: [wave.id],
        operationId: opId(),
      },
      { now: NOW },
    );
    expect(committed.result).toEqual({ joined: 1, left: 1, assignmentsWaived: 1 });
    const [moved] = await handle.db.select({ departmentId: users.departmentId }).from(users).where(eq(users.id, userId));
    expect(moved!.departmentId).toBe(support.id);
    const groups = await handle.db
      .select({ groupId: groupMembers.groupId, source: groupMembers.source, label: groupMembers.sourceLabel })
      .from(groupMembers)
      .where(eq(groupMembers.userId, userId));
    expect(groups).toEqual([{ groupId: buddies.id, source: "department", label: "Support" }]);
    const [rule] = await handle.db
      .select()
      .from(assignments)
      .where(and(eq(assignments.userId, userId), eq(assignments.courseId, ruleCourse.id)));
    expect(rule).toMatchObject({ status: "waived", waivedReason: "removed" });
    const ledger = await handle.db
      .select({ kind: membershipEvents.kind })
      .from(membershipEvents)
      .where(eq(membershipEvents.userId, userId));
    expect(ledger.map((row) => row.kind).sort()).toEqual(["added", "added", "removed"]);
    const [audit] = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, userId), eq(auditLog.action, "hr.department_changed")));
    expect(audit!.actorKind).toBe("hr");
    // The groups left are refused by their new epochs; the person's sockets stay open for the rest.
    expect(committed.disconnectUsers).toBeUndefined();
  });

  it("keeps assignments when the group's rule says keep, and changes nothing when a group is not the person's or another company's", async () => {
    const keeper = await createGroup(handle.db, admin, { name: "Keepers" });
    await assignCourse(
      handle.db,
      admin,
      {
        courseId: privacy.id,
        deadline: { kind: "relative", days: 10 },
        reminderDays: [],
        selection: { mode: "group", groupId: keeper.id, keepApplying: true, onRemoval: "keep" },
        operationId: opId(),
      },
      { now: NOW },
    );
    const { result } = await createNewHire(handle.db, hr, hire({ courses: [], groupIds: [keeper.id] }), { now: NOW });
    const before = await footprint();
    const input = { personId: result.userId, departmentId: support.id, addGroupIds: [], operationId: opId() };
    expect(await codeOf(changeDepartment(handle.db, hr, { ...input, removeGroupIds: [foreignGroup.id] }, { now: NOW }))).toBe(
      "hr_group_not_found",
    );
    expect(await codeOf(changeDepartment(handle.db, hr, { ...input, removeGroupIds: [], addGroupIds: [full.id] }, { now: NOW }))).toBe(
      "hr_group_full",
    );
    expect(
      await codeOf(changeDepartment(handle.db, hr, { ...input, removeGroupIds: [], departmentId: foreignDepartment.id }, { now: NOW })),
    ).toBe("department_not_found");
    expect(
      await refusalOr(() => changeDepartment(handle.db, hr, { ...input, personId: stranger.id, removeGroupIds: [] }, { now: NOW })),
    ).toBe("not_found");
    expect(await footprint()).toEqual(before);
    const kept = await changeDepartment(handle.db, hr, { ...input, removeGroupIds: [keeper.id] }, { now: NOW });
    expect(kept.result).toEqual({ joined: 0, left: 1, assignmentsWaived: 0 });
    const again = await changeDepartment(handle.db, hr, { ...input, removeGroupIds: [keeper.id] }, { now: NOW });
    expect(again.result).toEqual(kept.result);
  });

  it("is refused to learners", async () => {
    const input = { personId: manager.id, departmentId: support.id, addGroupIds: [], removeGroupIds: [], operationId: opId() };
    expect(await refusalOr(() => changeDepartment(handle.db, learner, input, { now: NOW }))).toBe("forbidden");
  });
});

describe("leaver", () => {
  it("deactivates as HR: active groups left, open assignments waived, audited with the hr actor", async () => {
    const { result } = await createNewHire(handle.db, hr, hire(), { now: NOW });
    const committed = await recordLeaver(handle.db, hr, { personId: result.userId, operationId: opId() });
    expect(committed.result).toEqual({ groupsLeft: 1 });
    const [person] = await handle.db.select({ deactivatedAt: users.deactivatedAt }).from(users).where(eq(users.id, result.userId));
    expect(person!.deactivatedAt).not.toBeNull();
    const open = await handle.db
      .select({ n: count() })
      .from(assignments)
      .where(and(eq(assignments.userId, result.userId), eq(assignments.status, "open")));
    expect(open[0]!.n).toBe(0);
    const [audit] = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, result.userId), eq(auditLog.action, "person.deactivated")));
    expect(audit!.actorKind).toBe("hr");
    expect(committed.disconnectUsers).toEqual([result.userId]);
  });

  it("refuses learners, another company's people and admins' accounts; HR staff signed in gain no admin deactivation", async () => {
    const someone = await createPerson(handle.db, admin.companyId, { name: "Sam" });
    expect(await refusalOr(() => recordLeaver(handle.db, learner, { personId: someone.id, operationId: opId() }))).toBe("forbidden");
    expect(await refusalOr(() => recordLeaver(handle.db, hr, { personId: stranger.id, operationId: opId() }))).toBe("not_found");
    expect(await codeOf(recordLeaver(handle.db, hr, { personId: admin.id, operationId: opId() }))).toBe("delegated_admin");
    const { deactivatePerson } = await import("@/lib/people/operations/deactivate-person");
    expect(await refusalOr(() => deactivatePerson(handle.db, hr, { personId: someone.id, operationId: opId() }))).toBe("forbidden");
    expect((await recordLeaver(handle.db, admin, { personId: someone.id, operationId: opId() })).result).toEqual({ groupsLeft: 0 });
  });
});
