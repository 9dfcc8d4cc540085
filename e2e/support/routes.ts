import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { certificates } from "@/db/schema";
import { postMessage } from "@/lib/chat/operations/post-message";
import { completeLesson } from "@/lib/learning/operations/complete-lesson";
import { insertAssignment } from "@/tests/assignments";
import { createCourse, createGroup, createLessons } from "@/tests/fixtures";
import { type Person, newPerson } from "./people";
import type { Language } from "./say";

/**
 * Every route of the app, with ids of the test's own data: the sweeps that open each page (the German
 * sweep, the 390 px sweep, axe over every route) take them from here, so that a page added under
 * `app/` is swept by all of them once it is listed (`unlistedPages` fails the sweeps until it is).
 */

/** Pages opened as one person, in that person's browser context. */
export type RouteSet = { person: Person; paths: string[] };

const inTwoWeeks = () => new Date(Date.now() + 14 * 86_400_000);

/**
 * The pages of learning, each showing something: an admin's group with a linked course and a mandatory
 * assignment (so every tab exists), a chat message, a lesson, a certificate; and the preview a learner
 * sees of a public group she is not in.
 */
export async function learningRoutes(db: Database, locale: Language): Promise<{ member: RouteSet; outsider: RouteSet }> {
  const suffix = randomUUID().slice(0, 6);
  const admin = await newPerson(db, "Lena Lernend", { roles: ["admin"], locale });
  const colleague = await newPerson(db, "Kai Kollege", { locale });
  const course = await createCourse(db, admin.companyId, `Routes course ${suffix}`);
  const lessons = await createLessons(db, course, [null]);
  await completeLesson(db, admin, { lessonId: lessons[0]!.id, operationId: randomUUID() });
  const group = await createGroup(db, admin, {
    name: `Routes group ${suffix}`,
    members: [admin, colleague],
    courseId: course.id,
    visibility: "public",
  });
  await insertAssignment(db, colleague, course.id, { dueAt: inTwoWeeks(), groupId: group.id });
  await postMessage(db, colleague, { groupId: group.id, kind: "question", body: "Who has done the lesson?", operationId: randomUUID() });
  const [certificate] = await db.select({ id: certificates.id }).from(certificates).where(eq(certificates.userId, admin.id));
  const elsewhere = await createGroup(db, admin, { name: `Routes public ${suffix}`, members: [admin], visibility: "public" });
  return {
    member: {
      person: admin,
      paths: [
        "/",
        "/groups",
        `/groups/${group.id}/activity`,
        `/groups/${group.id}/chat`,
        `/groups/${group.id}/members`,
        `/groups/${group.id}/history`,
        `/groups/${group.id}/statistics`,
        "/courses",
        `/courses/${course.id}`,
        `/courses/${course.id}/lessons/${lessons[0]!.id}`,
        `/certificates/${certificate!.id}`,
        "/assignments",
        "/profile",
      ],
    },
    outsider: { person: colleague, paths: [`/groups/${elsewhere.id}`] },
  };
}

/** The pages of managing, for an admin in HR with an assignment through a group of her own (the overview's drill-downs). */
export async function managingRoutes(db: Database, locale: Language): Promise<RouteSet> {
  const admin = await newPerson(db, "Mara Manager", { roles: ["admin", "hr"], locale });
  const course = await createCourse(db, admin.companyId, `Routes mandatory ${randomUUID().slice(0, 6)}`);
  const group = await createGroup(db, admin, { members: [admin], courseId: course.id });
  await insertAssignment(db, admin, course.id, { dueAt: inTwoWeeks(), groupId: group.id });
  // Another admin's private group: its page says who may manage it and offers to take ownership.
  const owner = await newPerson(db, "Olga Owner", { roles: ["admin"], locale });
  const othersPrivate = await createGroup(db, owner, { members: [owner], visibility: "private" });
  return {
    person: admin,
    paths: [
      "/admin/groups",
      "/admin/groups?status=archived",
      `/groups/${othersPrivate.id}/members`,
      "/admin/people",
      `/admin/people/${admin.id}`,
      "/admin/departments",
      "/admin/courses",
      "/admin/reports",
      "/admin/assignments",
      "/admin/assignments?tab=group",
      `/admin/assignments/course/${course.id}`,
      `/admin/assignments/group/${group.id}`,
      "/admin/assignments/new",
      "/admin/api-keys",
      "/developers/api",
      "/hr",
      "/hr/new-hire",
      "/hr/leaver",
      "/hr/department-change",
      "/hr/import",
    ],
  };
}

/** Signed out (the invitation link's page with a token that is not valid: it says so). */
export const signedOutRoutes = ["/sign-in", "/forgot-password", "/set-password?token=not-valid"];

/** Every `page.tsx` under `app/` as its URL pattern: route groups `(…)` left out, `[param]` kept. */
export function pagePatterns(dir = path.join(process.cwd(), "app")): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => path.basename(file) === "page.tsx")
    .map((file) => {
      const segments = path
        .dirname(file)
        .split(path.sep)
        .filter((segment) => segment !== "." && !/^\(.*\)$/.test(segment));
      return `/${segments.join("/")}`;
    })
    .sort();
}

/** The page patterns no listed path opens: each is a page the sweeps would silently skip. */
export function unlistedPages(paths: readonly string[]): string[] {
  const opened = paths.map((route) => route.split("?")[0]!);
  return pagePatterns().filter((pattern) => {
    const match = new RegExp(`^${pattern.replace(/\[[^\]]+\]/g, "[^/]+")}$`);
    return !opened.some((route) => match.test(route));
  });
}
