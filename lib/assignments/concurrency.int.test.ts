import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { assignments, mailOutbox, notifications } from "@/db/schema";
import { env } from "@/base/env";
import { withBarrier } from "@/tests/barrier";
import { createRaceDatabase, type RaceDatabase } from "@/tests/database";
import { createCompany, createCourse, createGroup, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import type { AssignCourseInput } from "./schemas";
import { assignCourse } from "./operations/assign-course";

/** The barrier: the group's row, which an assignment by group locks (after claiming its operation id). */
const groupRow = (groupId: string) => ({ text: "select id from learning_groups where id = $1 for update", values: [groupId] });

describe.runIf(env().testDatabaseUrl)("concurrent assignments (PostgreSQL)", () => {
  let handle: RaceDatabase;
  let first: DatabaseHandle;
  let second: DatabaseHandle;
  let admin: TestPerson;
  let companyId: string;

  beforeAll(async () => {
    handle = await createRaceDatabase();
    ({ first, second } = handle);
    companyId = (await createCompany(handle.db, "Acme")).id;
    admin = await createPerson(handle.db, companyId, { roles: ["admin"] });
  });
  afterAll(async () => {
    await handle.close();
  });

  async function setUp() {
    const members = await Promise.all(Array.from({ length: 5 }, () => createPerson(handle.db, companyId)));
    const group = await createGroup(handle.db, admin, { members, visibility: "public" });
    const course = await createCourse(handle.db, companyId);
    const input = (): AssignCourseInput => ({
      courseId: course.id,
      selection: { mode: "group", groupId: group.id, keepApplying: true, onRemoval: "keep" },
      deadline: { kind: "relative", days: 10 },
      reminderDays: [-1],
      operationId: opId(),
    });
    const written = async () => ({
      assignments: (await handle.db.select().from(assignments).where(eq(assignments.courseId, course.id))).length,
      notifications: (await handle.db.select().from(notifications).where(eq(notifications.type, "assignment.assigned"))).filter((n) =>
        members.some((m) => m.id === n.userId),
      ).length,
      mails: (await handle.db.select().from(mailOutbox)).filter((m) => members.some((p) => p.id === m.userId)).length,
    });
    return { group, input, written };
  }

  it("a double submit (same operation id) writes one set, and both answer the same result", async () => {
    const { group, input, written } = await setUp();
    const same = input();
    const outcomes = await withBarrier(handle.url!, groupRow(group.id), () =>
      Promise.all([assignCourse(first.db, admin, same), assignCourse(second.db, admin, same)]),
    );
    expect(outcomes[0]!.result).toEqual(outcomes[1]!.result);
    expect(outcomes[0]!.result.assigned).toBe(5);
    expect(outcomes.filter((outcome) => outcome.events)).toHaveLength(1);
    expect(await written()).toEqual({ assignments: 5, notifications: 5, mails: 5 });
  });

  it("two submits of the same assignment (distinct ids) assign and notify each person once", async () => {
    const { group, input, written } = await setUp();
    const outcomes = await withBarrier(handle.url!, groupRow(group.id), () =>
      Promise.all([assignCourse(first.db, admin, input()), assignCourse(second.db, admin, input())]),
    );
    expect(outcomes.map((outcome) => outcome.result.assigned).sort()).toEqual([0, 5]);
    expect(outcomes.map((outcome) => outcome.result.alreadyAssigned).sort()).toEqual([0, 5]);
    expect(await written()).toEqual({ assignments: 5, notifications: 5, mails: 5 });
  });
});
