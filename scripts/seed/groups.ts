import { sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { type GroupVisibility, groupMembers, learningGroups, type MembershipSource, membershipEvents } from "@/db/schema";
import { type SeededCourse, courseByTitle } from "./courses";
import { type SeededPerson, personByEmail } from "./people";
import { DAY, HOUR, MINUTE, type Random, after, ago } from "./random";

type MemberPlan = {
  person: SeededPerson;
  addedBy: SeededPerson;
  source: MembershipSource;
  sourceLabel: string | null;
  addedAt: Date;
  batchId: string | null;
};

type GroupPlan = {
  name: string;
  description: string;
  visibility: GroupVisibility;
  course: SeededCourse | null;
  maxMembers: number | null;
  owner: SeededPerson;
  createdAt: Date;
  archivedAt: Date | null;
  members: MemberPlan[];
  /** Whether members were told "… added you to the group" (`announced`, as the app does for private groups). */
  notify: boolean;
};

export type SeededGroups = { groups: number; memberships: number; announced: number };

function planGroups(rng: Random, now: Date, people: SeededPerson[], courses: SeededCourse[]): GroupPlan[] {
  const person = (email: string) => personByEmail(people, email);
  const dana = person("dana.admin@acme.example");
  const omar = person("omar.admin@acme.example");
  const lena = person("lena.learner@acme.example");
  const jonas = person("jonas.mueller@acme.example");
  const gina = person("gina.admin@globex.example");
  const gary = person("gary.learner@globex.example");

  // Onboarding waves are for ordinary learners, not for admins, HR or department heads.
  const learners = (company: SeededPerson["company"], except: SeededPerson[]) =>
    people.filter((p) => p.company === company && p.roles.length === 0 && !p.isHead && !except.includes(p));
  const addedSoonAfter = (createdAt: Date, withinDays: number) => after(createdAt, rng.between(HOUR, withinDays * DAY));
  const individually = (members: SeededPerson[], by: SeededPerson, createdAt: Date, withinDays: number) =>
    members.map((member) => ({
      person: member,
      addedBy: by,
      source: "individual" as const,
      sourceLabel: null,
      addedAt: addedSoonAfter(createdAt, withinDays),
      batchId: null,
    }));

  const q1Created = ago(now, 30 * DAY);
  const q1Members = [lena, jonas, ...rng.sample(learners("acme", [lena, jonas]), 18)];

  const q4Created = ago(now, 120 * DAY);
  const q4Members = rng.sample(learners("acme", q1Members), 12);

  const circleCreated = ago(now, 40 * DAY);
  const curious = (department: string, count: number) =>
    rng.sample(
      people.filter((p) => p.company === "acme" && p.department === department && p !== omar && p !== dana && p !== lena),
      count,
    );
  const circleMembers = [
    lena,
    ...curious("Engineering", 5),
    ...curious("Marketing", 3),
    ...curious("Sales", 2),
    ...curious("Customer Success", 2),
    ...curious("Finance", 2),
  ];

  const refresherCreated = ago(now, 14 * DAY);
  // One "add the Sales department" operation: one moment and one batch for all of its rows.
  const refresherAddedAt = after(refresherCreated, 10 * MINUTE);
  const refresherBatch = rng.uuid();
  const sales = people.filter((p) => p.company === "acme" && p.department === "Sales");

  const globexCreated = ago(now, 21 * DAY);
  const globexMembers = [gary, ...rng.sample(learners("globex", [gary]), 9)];

  return [
    {
      name: "Onboarding Q1 2026",
      description:
        "The Q1 2026 onboarding wave: everyone who joined Acme between January and March works through Welcome to Acme together, with a short check-in every Friday.",
      visibility: "private",
      course: courseByTitle(courses, "Welcome to Acme"),
      maxMembers: 30,
      owner: dana,
      createdAt: q1Created,
      archivedAt: null,
      members: individually(q1Members, dana, q1Created, 12),
      notify: true,
    },
    {
      name: "Data & AI Circle",
      description:
        "An open circle for anyone curious about data and AI at work. We share articles, try tools together and meet once a month for a show-and-tell.",
      visibility: "public",
      course: null,
      maxMembers: null,
      owner: omar,
      createdAt: circleCreated,
      archivedAt: null,
      members: circleMembers.map((member) => ({
        person: member,
        addedBy: member,
        source: "join",
        sourceLabel: null,
        addedAt: addedSoonAfter(circleCreated, 35),
        batchId: null,
      })),
      notify: false,
    },
    {
      name: "Sales Refresher 2026",
      description: "A refresher of the sales playbook for the whole Sales team before the new pricing takes effect.",
      visibility: "private",
      course: courseByTitle(courses, "Sales Fundamentals"),
      maxMembers: null,
      owner: dana,
      createdAt: refresherCreated,
      archivedAt: null,
      members: sales.map((member) => ({
        person: member,
        addedBy: dana,
        source: "department",
        sourceLabel: "Sales",
        addedAt: refresherAddedAt,
        batchId: refresherBatch,
      })),
      // Only Lena's (read) notification is seeded for this group, below.
      notify: false,
    },
    {
      name: "Onboarding Q4 2025",
      description: "The Q4 2025 onboarding wave, working through Welcome to Acme together. Finished and archived.",
      visibility: "private",
      course: courseByTitle(courses, "Welcome to Acme"),
      maxMembers: null,
      owner: dana,
      createdAt: q4Created,
      archivedAt: ago(now, 20 * DAY),
      members: individually(q4Members, dana, q4Created, 10),
      notify: false,
    },
    {
      name: "Globex Onboarding Wave 1",
      description: "The first Globex onboarding wave: new starters take Globex Onboarding together, with weekly check-ins.",
      visibility: "private",
      course: courseByTitle(courses, "Globex Onboarding"),
      maxMembers: null,
      owner: gina,
      createdAt: globexCreated,
      archivedAt: null,
      members: individually(globexMembers, gina, globexCreated, 7),
      notify: true,
    },
  ];
}

/** Groups, their members (some told of it) and the ledger events behind each membership. */
export async function insertGroups(
  tx: Transaction,
  rng: Random,
  now: Date,
  people: SeededPerson[],
  courses: SeededCourse[],
): Promise<SeededGroups> {
  const plans = planGroups(rng, now, people, courses);
  const latest = (plan: GroupPlan) => Math.max(plan.createdAt.getTime(), ...plan.members.map((m) => m.addedAt.getTime()));

  const insertedGroups = await tx
    .insert(learningGroups)
    .values(
      plans.map((plan) => ({
        companyId: plan.owner.companyId,
        name: plan.name,
        description: plan.description,
        courseId: plan.course?.id ?? null,
        maxMembers: plan.maxMembers,
        visibility: plan.visibility,
        createdBy: plan.owner.id,
        ownerId: plan.owner.id,
        archivedAt: plan.archivedAt,
        createdAt: plan.createdAt,
        updatedAt: plan.archivedAt ?? new Date(latest(plan)),
      })),
    )
    .returning({ id: learningGroups.id, name: learningGroups.name });
  const groupId = (plan: GroupPlan) => insertedGroups.find((row) => row.name === plan.name)!.id;

  const memberships = plans.flatMap((plan) => plan.members.map((member) => ({ plan, member })));
  // One notice already read, so Lena's list shows both states.
  const lena = personByEmail(people, "lena.learner@acme.example");
  const refresher = plans.find((plan) => plan.name === "Sales Refresher 2026")!;
  const readByLena = refresher.members.find((member) => member.person === lena)!;

  const insertedMembers = await tx
    .insert(groupMembers)
    .values(
      memberships.map(({ plan, member }) => ({
        groupId: groupId(plan),
        userId: member.person.id,
        companyId: plan.owner.companyId,
        addedBy: member.addedBy.id,
        source: member.source,
        sourceLabel: member.sourceLabel,
        addedAt: member.addedAt,
        announced: plan.notify || member === readByLena,
        announcementReadAt: member === readByLena ? after(member.addedAt, 3 * HOUR) : null,
      })),
    )
    .returning({ userId: groupMembers.userId, announced: groupMembers.announced });

  // The ledger must explain every current membership, or history and the feed would disagree with the list.
  await tx
    .insert(membershipEvents)
    .values(
      memberships.map(({ plan, member }) => ({
        companyId: plan.owner.companyId,
        groupId: groupId(plan),
        userId: member.person.id,
        kind: "added" as const,
        actorId: member.addedBy.id,
        source: member.source,
        sourceLabel: member.sourceLabel,
        batchId: member.batchId,
        at: member.addedAt,
      })),
    )
    .returning({ id: membershipEvents.id });
  // The ledger is written after the learning history it spans, which the feeds' trigger saw without
  // it: each group's feed is rebuilt from the ledger, as when a group is linked to another course.
  await tx.execute(sql`select group_feed_rebuild(id) from learning_groups`);

  return {
    groups: insertedGroups.length,
    memberships: insertedMembers.length,
    announced: insertedMembers.filter((row) => row.announced).length,
  };
}
