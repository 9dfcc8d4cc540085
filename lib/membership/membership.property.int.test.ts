import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { withCompany } from "@/db/company";
import {
  assignmentRules,
  assignments,
  courses,
  departments,
  groupMembers,
  learningGroups,
  membershipEvents,
  notifications,
  users,
} from "@/db/schema";
import type { Ctx } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { archiveGroup } from "@/lib/groups/operations/archive-group";
import { deleteGroup } from "@/lib/groups/operations/delete-group";
import { restoreGroup } from "@/lib/groups/operations/restore-group";
import { searchGroupOptions } from "@/lib/groups/queries";
import { deactivatePerson } from "@/lib/people/operations/deactivate-person";
import { reactivatePerson } from "@/lib/people/operations/reactivate-person";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, opId } from "@/tests/fixtures";
import { type GroupSpec, MembershipModel, type Outcome, type Selection } from "@/tests/membership-model";
import { fuzzing, propertyRuns } from "@/tests/property";
import { addMembers } from "./operations/add-members";
import { joinGroup } from "./operations/join-group";
import { leaveGroup } from "./operations/leave-group";
import { moveMembers } from "./operations/move-members";
import { removeMembers } from "./operations/remove-members";

/*
 * Model-based testing of membership (issue 22): random sequences of add, remove, move, join, leave,
 * deactivate, reactivate, archive, restore and delete, run through the real operations against a fresh
 * company each, and against the in-memory model (tests/membership-model.ts). After every command the
 * operation's answer (result or refusal) is the model's, and the database's members, ledger, member
 * counts, notifications and assignments agree with the model's.
 */

/** Four groups that cover the rules' cases: a maximum, a private group, two rules for one course with different removal policies. */
const GROUPS: readonly GroupSpec[] = [
  { name: "Alpha", visibility: "public", maxMembers: null, rule: { course: 0, onRemoval: "waive" } },
  { name: "Beta", visibility: "public", maxMembers: 3, rule: { course: 0, onRemoval: "keep" } },
  { name: "Gamma", visibility: "public", maxMembers: null, rule: { course: 1, onRemoval: "waive" } },
  { name: "Delta", visibility: "private", maxMembers: 2, rule: null },
];
const DEPARTMENTS = ["Sales", "Support"];
/** Five learners, by the index of their department. */
const DEPARTMENT_OF = [0, 0, 0, 1, 1];
const COURSES = 2;

/** One sequence's company: its admin (who owns every group), learners, groups, departments and courses. */
type World = {
  db: Database;
  companyId: string;
  admin: Ctx;
  people: Ctx[];
  groupIds: string[];
  departmentIds: string[];
  courseIds: string[];
};

async function plantWorld(db: Database): Promise<World> {
  const { id: companyId } = await createCompany(db, "Model Co");
  const person = (name: string, departmentId: string | null, roles: "admin"[] = []) =>
    ({ companyId, name, email: `${randomUUID()}@model.example`, roles, departmentId }) as const;
  const departmentIds = (
    await db
      .insert(departments)
      .values(DEPARTMENTS.map((name) => ({ companyId, name })))
      .returning()
  ).map((d) => d.id);
  const [admin] = await db
    .insert(users)
    .values(person("Ada Admin", null, ["admin"]))
    .returning();
  const learners = await db
    .insert(users)
    .values(DEPARTMENT_OF.map((d, p) => person(`Learner ${p}`, departmentIds[d]!)))
    .returning();
  const courseIds = (
    await db
      .insert(courses)
      .values(Array.from({ length: COURSES }, (_, c) => ({ companyId, key: `course-${c}`, title: `Course ${c}` })))
      .returning()
  ).map((course) => course.id);
  const groupIds = (
    await db
      .insert(learningGroups)
      .values(
        GROUPS.map(({ name, visibility, maxMembers }) => ({
          companyId,
          name,
          visibility,
          maxMembers,
          createdBy: admin!.id,
          ownerId: admin!.id,
        })),
      )
      .returning()
  ).map((group) => group.id);
  const rules = GROUPS.flatMap(({ rule }, g) =>
    rule ? [{ groupId: groupIds[g]!, courseId: courseIds[rule.course]!, onRemoval: rule.onRemoval }] : [],
  );
  await db
    .insert(assignmentRules)
    .values(rules.map((rule) => ({ ...rule, companyId, dueAfterDays: 14, reminderDays: [], createdBy: admin!.id })));
  // Kept in index order: the model names people by their place in DEPARTMENT_OF.
  const people = DEPARTMENT_OF.map((_, p) => learners.find((row) => row.name === `Learner ${p}`)!).map((row) => ({
    userId: row.id,
    companyId,
    roles: [],
  }));
  return { db, companyId, admin: { userId: admin!.id, companyId, roles: ["admin"] }, people, groupIds, departmentIds, courseIds };
}

/** What an operation answered: its result, or the code of its refusal (anything else fails the test). */
async function outcome(attempt: () => Promise<{ result: unknown }>): Promise<Outcome> {
  try {
    return { result: (await attempt()).result };
  } catch (error) {
    if (error instanceof AppError) return { refused: error.code };
    throw error;
  }
}

const key = (...parts: (number | string | null)[]) => parts.map((part) => part ?? "-").join(":");

/** The database as the model sees it: indices instead of ids, sorted lists instead of rows. */
async function observe(world: World) {
  const { db, companyId } = world;
  const index = (ids: readonly string[]) => (id: string | null) => (id === null ? null : ids.indexOf(id));
  const [person, group, course] = [index(world.people.map((p) => p.userId)), index(world.groupIds), index(world.courseIds)];
  const [members, ledger, sent, assigned, options] = await Promise.all([
    db.select().from(groupMembers).where(eq(groupMembers.companyId, companyId)),
    db.select().from(membershipEvents).where(eq(membershipEvents.companyId, companyId)).orderBy(membershipEvents.id),
    db.select().from(notifications).where(eq(notifications.companyId, companyId)),
    db.select().from(assignments).where(eq(assignments.companyId, companyId)),
    // Member counts as the pages read them, through the company's row-level security.
    searchGroupOptions(withCompany(db, companyId), world.admin, { includeArchived: true, term: "" }).then((page) => page.options),
  ]);
  return {
    members: members.map((row) => key(group(row.groupId), person(row.userId))).sort(),
    ledger: periods(ledger.map((row) => ({ ...row, group: group(row.groupId)!, person: person(row.userId)!, label: row.sourceLabel }))),
    notices: [
      ...sent.map((row) => key(person(row.userId), row.type, group(row.groupId))),
      ...members.filter((row) => row.announced).map((row) => key(person(row.userId), "group.added", group(row.groupId))),
    ].sort(),
    assignments: assigned.map((row) => key(person(row.userId), course(row.courseId), row.status, group(row.groupId))).sort(),
    counts: options.map((option) => key(option.name, option.memberCount, String(option.archived))).sort(),
  };
}

/** The same from the model. */
function expected(model: MembershipModel) {
  const live = model.liveGroups();
  return {
    members: live.flatMap((g) => [...model.groups[g]!.members].map((p) => key(g, p))).sort(),
    ledger: periods(model.ledger),
    notices: model
      .bell()
      .map((notice) => key(notice.person, notice.type, notice.group))
      .sort(),
    assignments: model.assignments.map((row) => key(row.person, row.course, row.status, row.group)).sort(),
    counts: live.map((g) => key(model.groups[g]!.name, model.groups[g]!.members.size, String(model.groups[g]!.archived))).sort(),
  };
}

/** Each membership's ledger in order: what the history and statistics read their periods from. */
function periods(rows: readonly { group: number; person: number; kind: string; source: string; label: string | null }[]) {
  const byPair: Record<string, string[]> = {};
  for (const row of rows) (byPair[key(row.group, row.person)] ??= []).push(key(row.kind, row.source, row.label));
  return byPair;
}

/** Whatever the model says, the ledger itself must tell one period at a time, open exactly while the person is a member. */
function expectPeriodsWhole(observed: Awaited<ReturnType<typeof observe>>): void {
  for (const [pair, events] of Object.entries(observed.ledger)) {
    events.forEach((event, i) => expect(event.split(":")[0], `${pair} event ${i}`).toBe(i % 2 === 0 ? "added" : "removed"));
    expect(observed.members.includes(pair), `${pair} is a member iff its last period is open`).toBe(events.length % 2 === 1);
  }
}

type Predict = (model: MembershipModel) => Outcome;
type Act = (world: World) => Promise<{ result: unknown }>;

/** One command: what the model expects of it, and the real operation. */
class MembershipCommand implements fc.AsyncCommand<MembershipModel, World> {
  constructor(
    /** Read when the command runs or is reported: a command that aims from the model's state names its target then. */
    private readonly label: () => string,
    private readonly predict: Predict,
    private readonly act: Act,
  ) {}
  check = () => true;
  async run(model: MembershipModel, world: World): Promise<void> {
    const wanted = this.predict(model);
    expect(await outcome(() => this.act(world)), this.label()).toEqual(wanted);
    const observed = await observe(world);
    expectPeriodsWhole(observed);
    expect(observed, `after ${this.label()}`).toEqual(expected(model));
  }
  toString = () => this.label();
}

const command = (label: string | (() => string), predict: Predict, act: Act) =>
  new MembershipCommand(typeof label === "string" ? () => label : label, predict, act);

const group = fc.nat(GROUPS.length - 1);
const person = fc.nat(DEPARTMENT_OF.length - 1);
const people = fc.uniqueArray(person, { minLength: 1, maxLength: DEPARTMENT_OF.length });
const selection: fc.Arbitrary<Selection> = fc.oneof(
  people.map((chosen) => ({ mode: "people" as const, people: chosen })),
  fc.uniqueArray(fc.nat(DEPARTMENTS.length - 1), { minLength: 1 }).map((chosen) => ({ mode: "departments" as const, departments: chosen })),
  group.map((source) => ({ mode: "group" as const, source })),
);

const ids = (world: World, chosen: readonly number[]) => chosen.map((p) => world.people[p]!.userId);
const realSelection = (world: World, chosen: Selection) => {
  switch (chosen.mode) {
    case "people":
      return { mode: "people" as const, userIds: ids(world, chosen.people) };
    case "departments":
      return { mode: "departments" as const, departmentIds: chosen.departments.map((d) => world.departmentIds[d]!) };
    case "group":
      return { mode: "group" as const, sourceGroupId: world.groupIds[chosen.source]! };
  }
};
const asAdmin = (world: World) => [world.db, world.admin] as const;

const add = fc.tuple(group, selection).map(([g, chosen]) =>
  command(
    `add ${g} ${JSON.stringify(chosen)}`,
    (model) => model.add(g, chosen),
    (world) => addMembers(...asAdmin(world), { groupId: world.groupIds[g]!, selection: realSelection(world, chosen), operationId: opId() }),
  ),
);
const remove = fc.tuple(group, people, fc.constantFrom(undefined, "keep" as const, "waive" as const)).map(([g, chosen, onAssignments]) =>
  command(
    `remove ${g} [${chosen}] ${onAssignments ?? "by rule"}`,
    (model) => model.remove(g, chosen, onAssignments),
    (world) =>
      removeMembers(...asAdmin(world), { groupId: world.groupIds[g]!, userIds: ids(world, chosen), onAssignments, operationId: opId() }),
  ),
);
const move = fc.tuple(group, group, people).map(([from, to, chosen]) =>
  command(
    `move ${from}→${to} [${chosen}]`,
    (model) => model.move(from, to, chosen),
    (world) =>
      moveMembers(...asAdmin(world), {
        groupId: world.groupIds[from]!,
        targetGroupId: world.groupIds[to]!,
        userIds: ids(world, chosen),
        operationId: opId(),
      }),
  ),
);
const join = fc.tuple(person, group).map(([p, g]) =>
  command(
    `join ${p}→${g}`,
    (model) => model.join(p, g),
    (world) => joinGroup(world.db, world.people[p]!, { groupId: world.groupIds[g]!, operationId: opId() }),
  ),
);
const leave = fc.tuple(person, group).map(([p, g]) =>
  command(
    `leave ${p}←${g}`,
    (model) => model.leave(p, g),
    (world) => leaveGroup(world.db, world.people[p]!, { groupId: world.groupIds[g]!, operationId: opId() }),
  ),
);
const deactivate = person.map((p) =>
  command(
    `deactivate ${p}`,
    (model) => model.deactivate(p),
    (world) => deactivatePerson(...asAdmin(world), { personId: world.people[p]!.userId, operationId: opId() }),
  ),
);
/**
 * Reactivating whoever is active, or restoring a group that is not archived, is only a refusal; these
 * two aim at the k-th (cyclically) of those they can change, when there is one, chosen from the model
 * as it stands when the command runs (so a replayed sequence aims the same way).
 */
const aim = (k: number, among: readonly number[]) => (among.length > 0 ? among[k % among.length]! : k);

const reactivate = person.map((k) => {
  let p = k;
  return command(
    () => `reactivate ${p}`,
    (model) => model.reactivate((p = aim(k, model.deactivated()))),
    (world) => reactivatePerson(...asAdmin(world), { personId: world.people[p]!.userId, operationId: opId() }),
  );
});
const archive = group.map((g) =>
  command(
    `archive ${g}`,
    (model) => model.archive(g),
    (world) => archiveGroup(...asAdmin(world), { groupId: world.groupIds[g]!, operationId: opId() }),
  ),
);
const restore = group.map((k) => {
  let g = k;
  return command(
    () => `restore ${g}`,
    (model) => model.restore((g = aim(k, model.archivedGroups()))),
    (world) => restoreGroup(...asAdmin(world), { groupId: world.groupIds[g]!, operationId: opId() }),
  );
});
// A mistyped name is refused now and then; a group once deleted answers "not found" to everything.
const deleteOne = fc.tuple(group, fc.boolean()).map(([g, typed]) =>
  command(
    `delete ${g}${typed ? "" : " (name mistyped)"}`,
    (model) => model.delete(g, typed),
    (world) =>
      deleteGroup(...asAdmin(world), { groupId: world.groupIds[g]!, confirmName: typed ? GROUPS[g]!.name : "?", operationId: opId() }),
  ),
);

/**
 * One weighted choice (fc.commands picks evenly among its arbitraries): changes of membership come
 * more often than a group's or a person's life events, each of which ends much of what could follow.
 */
const COMMANDS = [
  fc.oneof(
    { weight: 4, arbitrary: add },
    { weight: 2, arbitrary: remove },
    { weight: 3, arbitrary: move },
    { weight: 3, arbitrary: join },
    { weight: 2, arbitrary: leave },
    { weight: 2, arbitrary: deactivate },
    { weight: 1, arbitrary: reactivate },
    { weight: 2, arbitrary: archive },
    { weight: 2, arbitrary: restore },
    { weight: 1, arbitrary: deleteOne },
  ),
];

let handle: TestDatabase;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

describe("membership against its model", () => {
  it(
    "agrees after every command of random sequences: answers, members, ledger periods, counts, notifications, assignments",
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.commands(COMMANDS, { maxCommands: 25, size: "max" }), (commands) =>
          fc.asyncModelRun(
            async () => ({ model: new MembershipModel(GROUPS, DEPARTMENT_OF, DEPARTMENTS), real: await plantWorld(handle.db) }),
            commands,
          ),
        ),
        propertyRuns(30, 500),
      );
    },
    fuzzing ? 60 * 60_000 : 120_000,
  );
});
