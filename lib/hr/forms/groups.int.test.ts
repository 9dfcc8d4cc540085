import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { learningGroups } from "@/db/schema";
import { OPTIONS_LIMIT } from "@/lib/pagination";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createGroup, createPerson, type TestPerson } from "@/tests/fixtures";
import { searchFormGroups } from "./queries";

let handle: TestDatabase;
let hr: TestPerson;
let learner: TestPerson;
let stranger: TestPerson;

beforeAll(async () => {
  handle = await createTestDatabase();
  const acme = await createCompany(handle.db, "Acme");
  const globex = await createCompany(handle.db, "Globex");
  const admin = await createPerson(handle.db, acme.id, { roles: ["admin"] });
  hr = await createPerson(handle.db, acme.id, { roles: ["hr"] });
  learner = await createPerson(handle.db, acme.id);
  stranger = await createPerson(handle.db, globex.id, { roles: ["hr"] });
  // More than one answer carries; the onboarding wave is the oldest, yet suggested first.
  await createGroup(handle.db, admin, { name: "Onboarding wave", members: [learner] });
  for (let i = 0; i < OPTIONS_LIMIT + 1; i++) await createGroup(handle.db, admin, { name: `Team ${String(i).padStart(2, "0")}` });
  const archived = await createGroup(handle.db, admin, { name: "Old onboarding" });
  await handle.db.update(learningGroups).set({ archivedAt: new Date() }).where(eq(learningGroups.id, archived.id));
  await createGroup(handle.db, stranger, { name: "Globex onboarding" });
});
afterAll(() => handle.close());

describe("the groups HR's forms offer", () => {
  it("are a page of active groups, onboarding-like names first, then the newest, and say there are more", async () => {
    const first = await searchFormGroups(handle.db, hr, "");
    expect(first.options).toHaveLength(OPTIONS_LIMIT);
    expect(first.more).toBe(true);
    expect(first.options[0]).toEqual({ id: expect.any(String), name: "Onboarding wave", taken: 1, maxMembers: null, suggested: true });
    expect(first.options.slice(1).every((group) => !group.suggested && group.name.startsWith("Team"))).toBe(true);
  });

  it("narrow by any part of the name, active groups of my company only", async () => {
    expect((await searchFormGroups(handle.db, hr, "board")).options.map((group) => group.name)).toEqual(["Onboarding wave"]);
    expect((await searchFormGroups(handle.db, hr, "am 0")).options).toHaveLength(10);
    expect((await searchFormGroups(handle.db, stranger, "board")).options.map((group) => group.name)).toEqual(["Globex onboarding"]);
  });

  it("are for HR staff and admins only", async () => {
    await expect(searchFormGroups(handle.db, learner, "")).rejects.toMatchObject({ code: "forbidden" });
  });
});
