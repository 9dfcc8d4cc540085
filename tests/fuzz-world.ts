import { randomUUID } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { learningGroups } from "@/db/schema";
import type { Ctx } from "@/lib/auth/viewer";
import { postMessage } from "@/lib/chat/operations/post-message";
import { createApiKey } from "@/lib/hr/api-keys/operations/create-api-key-operation";
import type { InputOptions } from "./arbitraries";
import { createTestDatabase, type TestDatabase } from "./database";
import { createCompany, createCourse, createDepartment, createGroup, createLessons, createPerson, opId, type TestPerson } from "./fixtures";

/**
 * A small company for the fuzzers to attack (issue 22), and the ids that exist in it: generated
 * inputs name them often (`InputOptions.uuids`), so a refusal is not always "not found" and the work behind a
 * schema is reached. A second company's ids are among them, which must read as not found.
 */
export type FuzzWorld = {
  companyId: string;
  /** The caller: an admin with the HR role, acting in their own right. */
  admin: TestPerson;
  inputs: InputOptions;
  /** API keys of the company, for the HR API. */
  keys: { write: string; read: string };
  /** A public group with a course and members, whose chat has a question. */
  groupId: string;
};

export async function createFuzzWorld(db: Database): Promise<FuzzWorld> {
  const company = await createCompany(db, "Fuzzed Co");
  const sales = await createDepartment(db, company.id, "Sales");
  const support = await createDepartment(db, company.id, "Support");
  const admin = await createPerson(db, company.id, { roles: ["admin", "hr"], name: "Ada Admin" });
  const otherAdmin = await createPerson(db, company.id, { roles: ["admin"], name: "Otto Admin" });
  const hr = await createPerson(db, company.id, { roles: ["hr"], name: "Hana HR" });
  const learner = await createPerson(db, company.id, { name: "Lea Learner", departmentId: sales.id });
  const leaver = await createPerson(db, company.id, { name: "Lou Leaver", deactivated: true });
  const course = await createCourse(db, company.id);
  const lessons = await createLessons(db, course, [null, [{ prompt: "Two?", options: ["1", "2"], answer: 1 }]]);
  const open = await createGroup(db, admin, { visibility: "public", courseId: course.id, members: [learner, otherAdmin], maxMembers: 20 });
  const own = await createGroup(db, admin, { members: [learner] });
  const archived = await createGroup(db, otherAdmin, { visibility: "public" });
  await db.update(learningGroups).set({ archivedAt: new Date() }).where(eq(learningGroups.id, archived.id));
  const learnerCtx: Ctx = { userId: learner.id, companyId: company.id, roles: [] };
  const question = await postMessage(db, learnerCtx, { groupId: open.id, operationId: opId(), kind: "question", body: "Why two?" });
  const newKey = async (scope: "read" | "write") =>
    (await createApiKey(db, admin, { name: `fuzz ${scope}`, scope, operationId: opId() })).result;
  const write = await newKey("write");
  const read = await newKey("read");

  const foreign = await createCompany(db, "Elsewhere Inc");
  const foreignAdmin = await createPerson(db, foreign.id, { roles: ["admin"] });
  const foreignGroup = await createGroup(db, foreignAdmin, { visibility: "public" });

  const people = [admin, otherAdmin, hr, learner, leaver].map((person) => person.id);
  const groups = [open.id, own.id, archived.id];
  return {
    companyId: company.id,
    admin,
    keys: { write: write.secret!, read: read.secret! },
    groupId: open.id,
    inputs: {
      tries: 8,
      uuids: [
        ...people,
        ...groups,
        sales.id,
        support.id,
        course.id,
        ...lessons.map((lesson) => lesson.id),
        question.result.id,
        write.keyId,
        foreignAdmin.id,
        foreignGroup.id,
        randomUUID(),
      ],
    },
  };
}

export type FuzzStage = { handle: TestDatabase; db: Database; world: FuzzWorld };

/**
 * The set-up of a fuzzing file: a database of its own with the world in it, made before the file's
 * tests and closed after them; `ready` receives it (the file keeps `db` and `world` as its own names).
 */
export function stageFuzzWorld(ready: (stage: FuzzStage) => void): void {
  let handle: TestDatabase | undefined;
  beforeAll(async () => {
    handle = await createTestDatabase();
    ready({ handle, db: handle.db, world: await createFuzzWorld(handle.db) });
  });
  afterAll(async () => handle?.close());
}
