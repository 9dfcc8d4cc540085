/**
 * An in-memory model of one company's membership, for the model-based test of the membership
 * operations (lib/membership/membership.property.int.test.ts): a few groups, learners and assignment
 * rules, named by their index. Each method answers what the real operation must answer (its result or
 * its refusal's code) and, when it succeeds, changes the model as the operation must change the
 * database: members, ledger rows, notifications and assignments. A refusal changes nothing, so every
 * method checks all its refusals, in the operation's own order, before it changes anything.
 *
 * The model knows the rules as the operations document them, not how they are written: a person is
 * put into a group only while active; an archived group keeps its members, takes no changes and pauses
 * its rule; a group's rule assigns its course to whoever arrives without one, and a removal waives what
 * the group assigned when its rule (or the remove dialog) says so, unless another active group the
 * person is still in has a rule for the same course.
 */

export type Outcome = { result: unknown } | { refused: string };

type RemovalPolicy = "keep" | "waive";

export type GroupSpec = {
  name: string;
  visibility: "public" | "private";
  maxMembers: number | null;
  /** The group's assignment rule: its course (an index) and what a removal does to what it assigned. */
  rule: { course: number; onRemoval: RemovalPolicy } | null;
};

export type Selection =
  { mode: "people"; people: number[] } | { mode: "departments"; departments: number[] } | { mode: "group"; source: number };

/** `announced`: the members whose membership tells them "… added you" (an admin's add), until they leave. */
type Group = GroupSpec & { archived: boolean; deleted: boolean; members: Set<number>; announced: Set<number> };

export type LedgerRow = { group: number; person: number; kind: "added" | "removed"; source: string; label: string | null };
export type Notice = { person: number; type: string; group: number | null };
export type AssignmentRow = { person: number; course: number; status: "open" | "waived"; group: number | null };

const refuse = (code: string): Outcome => ({ refused: code });

export class MembershipModel {
  readonly groups: Group[];
  readonly active: boolean[];
  ledger: LedgerRow[] = [];
  notices: Notice[] = [];
  readonly assignments: AssignmentRow[] = [];

  /** `departmentOf[person]` indexes `departmentNames`; everyone starts active and in no group. */
  constructor(
    groups: readonly GroupSpec[],
    readonly departmentOf: readonly number[],
    readonly departmentNames: readonly string[],
  ) {
    this.groups = groups.map((spec) => ({ ...spec, archived: false, deleted: false, members: new Set(), announced: new Set() }));
    this.active = departmentOf.map(() => true);
  }

  /** An admin who may manage every group (the owner of the private ones) changes its members. */
  add(g: number, selection: Selection): Outcome {
    const refused = this.refuseManaging(g);
    if (refused) return refused;
    if (selection.mode === "group" && selection.source === g) return refuse("same_group");
    if (selection.mode === "group" && this.groups[selection.source]!.deleted) return refuse("source_group_not_found");
    const group = this.groups[g]!;
    const { people, source, label } = this.candidates(selection);
    const arriving = people.filter((p) => this.active[p] && !group.members.has(p));
    if (group.maxMembers !== null && group.members.size + arriving.length > group.maxMembers) return refuse("group_full");
    for (const p of arriving) {
      this.enter(g, p, source, label(p));
      group.announced.add(p);
    }
    this.applyRule(g, arriving);
    const alreadyMembers = people.filter((p) => group.members.has(p) && !arriving.includes(p)).length;
    const deactivated = people.filter((p) => !this.active[p] && !group.members.has(p)).length;
    return { result: { added: arriving.length, alreadyMembers, deactivated } };
  }

  remove(g: number, people: readonly number[], onAssignments?: RemovalPolicy): Outcome {
    const refused = this.refuseManaging(g);
    if (refused) return refused;
    const leaving = people.filter((p) => this.groups[g]!.members.has(p));
    for (const p of leaving) {
      this.leaveGroup(g, p, "individual", null);
      this.notices.push({ person: p, type: "group.removed", group: null });
    }
    this.waive(g, leaving, onAssignments);
    return { result: { removed: leaving.length } };
  }

  move(from: number, to: number, people: readonly number[]): Outcome {
    if (from === to) return refuse("same_group");
    const refused = this.refuseManaging(from) ?? this.refuseManaging(to, "target_group_not_found");
    if (refused) return refused;
    const [source, target] = [this.groups[from]!, this.groups[to]!];
    const leaving = people.filter((p) => source.members.has(p));
    const arriving = leaving.filter((p) => !target.members.has(p));
    if (target.maxMembers !== null && target.members.size + arriving.length > target.maxMembers) return refuse("group_full");
    for (const p of leaving) {
      this.leaveGroup(from, p, "move", target.name);
      this.notices.push({ person: p, type: "group.moved", group: to });
    }
    for (const p of arriving) this.enter(to, p, "move", source.name);
    // The target's rule first: a leaver who arrives under a rule for the same course keeps the assignment.
    this.applyRule(to, arriving);
    this.waive(from, leaving);
    return { result: { moved: leaving.length, alreadyInTarget: leaving.length - arriving.length } };
  }

  /** The person themselves joins a public group. */
  join(p: number, g: number): Outcome {
    const refused = this.refuseSelfService(p, g);
    if (refused) return refused;
    const group = this.groups[g]!;
    if (group.members.has(p)) return { result: { joined: false } };
    if (group.maxMembers !== null && group.members.size >= group.maxMembers) return refuse("group_full_join");
    if (!this.active[p]) return { result: { joined: false } };
    this.enter(g, p, "join", null);
    this.applyRule(g, [p]);
    return { result: { joined: true } };
  }

  leave(p: number, g: number): Outcome {
    const refused = this.refuseSelfService(p, g);
    if (refused) return refused;
    if (!this.groups[g]!.members.has(p)) return { result: { left: false } };
    this.leaveGroup(g, p, "leave", null);
    this.waive(g, [p]);
    return { result: { left: true } };
  }

  /** Out of every active group (archived ones keep their lists), every open assignment waived. */
  deactivate(p: number): Outcome {
    if (!this.active[p]) return refuse("already_deactivated");
    this.active[p] = false;
    const left = this.liveGroups().filter((g) => !this.groups[g]!.archived && this.groups[g]!.members.has(p));
    for (const g of left) this.leaveGroup(g, p, "deactivation", null);
    for (const row of this.assignments) if (row.person === p && row.status === "open") row.status = "waived";
    return { result: { groupsLeft: left.length } };
  }

  /** Sign-in only: the groups left stay left. */
  reactivate(p: number): Outcome {
    if (this.active[p]) return refuse("not_deactivated");
    this.active[p] = true;
    return { result: null };
  }

  archive(g: number): Outcome {
    const refused = this.refuseManaging(g);
    if (refused) return refused;
    this.groups[g]!.archived = true;
    return { result: null };
  }

  /** Members deactivated while the group was archived leave it now. */
  restore(g: number): Outcome {
    const group = this.groups[g]!;
    if (group.deleted) return refuse("not_found");
    if (!group.archived) return refuse("group_not_archived");
    group.archived = false;
    for (const p of [...group.members]) if (!this.active[p]) this.leaveGroup(g, p, "deactivation", null);
    return { result: null };
  }

  /** Members, ledger, rule and the notifications about the group go; assignments stay, without their group. */
  delete(g: number, nameTyped: boolean): Outcome {
    const group = this.groups[g]!;
    if (group.deleted) return refuse("not_found");
    if (!nameTyped) return refuse("delete_name_mismatch");
    group.deleted = true;
    group.members.clear();
    group.announced.clear();
    this.ledger = this.ledger.filter((row) => row.group !== g);
    this.notices = this.notices.filter((notice) => notice.group !== g);
    for (const row of this.assignments) if (row.group === g) row.group = null;
    return { result: null };
  }

  /** The notifications a person sees: the rows sent, and the "added you" notice of each announced membership. */
  bell(): Notice[] {
    const announced = this.groups.flatMap((group, g) => [...group.announced].map((p) => ({ person: p, type: "group.added", group: g })));
    return [...this.notices, ...announced];
  }

  /** The groups that exist. */
  liveGroups(): number[] {
    return this.groups.flatMap((group, g) => (group.deleted ? [] : [g]));
  }

  archivedGroups(): number[] {
    return this.liveGroups().filter((g) => this.groups[g]!.archived);
  }

  deactivated(): number[] {
    return this.active.flatMap((active, p) => (active ? [] : [p]));
  }

  private refuseManaging(g: number, notFound = "not_found"): Outcome | null {
    const group = this.groups[g]!;
    if (group.deleted) return refuse(notFound);
    return group.archived ? refuse("group_archived") : null;
  }

  /** A private group one is not in, or an archived one, does not exist for a learner; its members are refused. */
  private refuseSelfService(p: number, g: number): Outcome | null {
    const group = this.groups[g]!;
    const member = group.members.has(p);
    if (group.deleted) return refuse("not_found");
    if (group.visibility !== "public") return refuse(member ? "forbidden" : "not_found");
    if (group.archived) return refuse(member ? "group_archived" : "not_found");
    return null;
  }

  /** Whom a selection names, with the ledger's source and label for each. */
  private candidates(selection: Selection): { people: number[]; source: string; label: (p: number) => string | null } {
    switch (selection.mode) {
      case "people":
        return { people: selection.people, source: "individual", label: () => null };
      case "departments":
        return {
          people: this.departmentOf.flatMap((d, p) => (selection.departments.includes(d) ? [p] : [])),
          source: "department",
          label: (p) => this.departmentNames[this.departmentOf[p]!]!,
        };
      case "group": {
        const source = this.groups[selection.source]!;
        return { people: [...source.members], source: "copy", label: () => source.name };
      }
    }
  }

  private enter(g: number, p: number, source: string, label: string | null): void {
    this.groups[g]!.members.add(p);
    this.ledger.push({ group: g, person: p, kind: "added", source, label });
  }

  private leaveGroup(g: number, p: number, source: string, label: string | null): void {
    this.groups[g]!.members.delete(p);
    this.groups[g]!.announced.delete(p);
    this.ledger.push({ group: g, person: p, kind: "removed", source, label });
  }

  /** The group's rule assigns its course to each arrival who has no live assignment of it. */
  private applyRule(g: number, people: readonly number[]): void {
    const rule = this.groups[g]!.rule;
    if (!rule) return;
    for (const p of people) {
      if (this.assignments.some((row) => row.person === p && row.course === rule.course && row.status === "open")) continue;
      this.assignments.push({ person: p, course: rule.course, status: "open", group: g });
      this.notices.push({ person: p, type: "assignment.assigned", group: null });
    }
  }

  private waive(g: number, people: readonly number[], override?: RemovalPolicy): void {
    const policy = override ?? this.groups[g]!.rule?.onRemoval;
    if (policy !== "waive") return;
    for (const row of this.assignments) {
      if (row.status !== "open" || row.group !== g || !people.includes(row.person)) continue;
      if (!this.stillAssignedElsewhere(row.person, row.course, g)) row.status = "waived";
    }
  }

  /** Whether another active group the person is in has a rule for the course: it would assign it again at once. */
  private stillAssignedElsewhere(p: number, course: number, except: number): boolean {
    return this.groups.some(
      (group, g) => g !== except && !group.deleted && !group.archived && group.members.has(p) && group.rule?.course === course,
    );
  }
}
