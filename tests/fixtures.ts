import { randomUUID } from "node:crypto";
import type { Database, DatabaseOrTransaction } from "@/db/client";
import {
  companies,
  courses,
  departments,
  groupMembers,
  learningGroups,
  lessons,
  membershipEvents,
  type QuizQuestion,
  type Role,
  users,
} from "@/db/schema";
import type { Ctx } from "@/lib/auth/viewer";

/** Small factories for integration tests: rows written straight to the test database. */
export async function createCompany(db: DatabaseOrTransaction, name = "Test Co") {
  const [company] = await db.insert(companies).values({ name, defaultTimeZone: "Europe/Berlin", defaultLocale: "en" }).returning();
  return company!;
}

export type TestPerson = Ctx & { id: string; email: string };

export async function createPerson(
  db: Database,
  companyId: string,
  options: {
    roles?: Role[];
    name?: string;
    email?: string;
    passwordHash?: string | null;
    deactivated?: boolean;
    departmentId?: string;
    /** Their profile's language; the company's default when unset. */
    locale?: string;
  } = {},
): Promise<TestPerson> {
  const [user] = await db
    .insert(users)
    .values({
      companyId,
      name: options.name ?? "Test Person",
      email: options.email ?? `${randomUUID()}@test.example`,
      roles: options.roles ?? [],
      passwordHash: options.passwordHash ?? null,
      deactivatedAt: options.deactivated ? new Date() : null,
      departmentId: options.departmentId ?? null,
      locale: options.locale ?? null,
    })
    .returning();
  return { id: user!.id, userId: user!.id, companyId, roles: user!.roles, email: user!.email };
}

export async function createCourse(db: Database, companyId: string, title = "Test Course") {
  const [course] = await db.insert(courses).values({ companyId, key: randomUUID(), title }).returning();
  return course!;
}

export async function createGroup(
  db: Database,
  owner: TestPerson,
  options: {
    name?: string;
    members?: TestPerson[];
    visibility?: "private" | "public";
    courseId?: string;
    maxMembers?: number;
  } = {},
) {
  const [group] = await db
    .insert(learningGroups)
    .values({
      companyId: owner.companyId,
      name: options.name ?? `Group ${randomUUID().slice(0, 6)}`,
      visibility: options.visibility ?? "private",
      courseId: options.courseId ?? null,
      maxMembers: options.maxMembers ?? null,
      createdBy: owner.id,
      ownerId: owner.id,
    })
    .returning();
  if (options.members?.length) {
    const members = await db
      .insert(groupMembers)
      .values(
        options.members.map((member) => ({
          groupId: group!.id,
          userId: member.id,
          companyId: owner.companyId,
          addedBy: owner.id,
          source: "individual" as const,
        })),
      )
      .returning();
    // The ledger's rows, as the membership services write them: the feed follows the ledger.
    await db.insert(membershipEvents).values(
      members.map((member) => ({
        companyId: owner.companyId,
        groupId: group!.id,
        userId: member.userId,
        kind: "added" as const,
        actorId: owner.id,
        source: "individual" as const,
        at: member.addedAt,
      })),
    );
  }
  return group!;
}

export async function createDepartment(db: Database, companyId: string, name: string) {
  const [department] = await db.insert(departments).values({ companyId, name }).returning();
  return department!;
}

export const opId = () => randomUUID();

/** Lessons in position order; a lesson given as a quiz gets those questions, `null` none. */
export async function createLessons(db: Database, course: { id: string; companyId: string }, quizzes: (QuizQuestion[] | null)[]) {
  return db
    .insert(lessons)
    .values(
      quizzes.map((quiz, index) => ({
        companyId: course.companyId,
        courseId: course.id,
        key: `lesson-${index + 1}`,
        position: index + 1,
        title: `Lesson ${index + 1}`,
        quiz,
      })),
    )
    .returning();
}
