import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, users } from "@/db/schema";
import { loadViewer } from "@/lib/auth/viewer";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { getProfile } from "./queries";
import { updateProfileSchema } from "./schemas";
import { updateProfile } from "./operations/update-profile";

let handle: TestDatabase;
let learner: TestPerson;
let colleague: TestPerson;

const input = (fields: Record<string, unknown>) => updateProfileSchema.parse({ operationId: opId(), ...fields });

beforeAll(async () => {
  handle = await createTestDatabase();
  const acme = await createCompany(handle.db, "Acme");
  learner = await createPerson(handle.db, acme.id, { name: "Lena Learner" });
  colleague = await createPerson(handle.db, acme.id, { name: "Colleague" });
});
afterAll(() => handle.close());

describe("the profile", () => {
  it("starts on the company's defaults", async () => {
    expect(await getProfile(handle.db, learner)).toMatchObject({
      name: "Lena Learner",
      timeZone: null,
      locale: null,
      companyTimeZone: "Europe/Berlin",
      companyLocale: "en",
    });
  });

  it("saves name, time zone and language for the caller only; the next request's viewer follows them", async () => {
    const save = input({ name: " Lena Lernerin ", timeZone: "Asia/Tokyo", locale: "de" });
    await updateProfile(handle.db, learner, save);
    await updateProfile(handle.db, learner, save);
    expect(await loadViewer(handle.db, learner.id)).toMatchObject({ name: "Lena Lernerin", timeZone: "Asia/Tokyo", locale: "de" });
    const [other] = await handle.db.select().from(users).where(eq(users.id, colleague.id));
    expect(other).toMatchObject({ name: "Colleague", timeZone: null, locale: null });
    const audit = await handle.db.select().from(auditLog).where(eq(auditLog.targetId, learner.id));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "user.profile_updated",
      actorId: learner.id,
      details: {
        changes: {
          name: { from: "Lena Learner", to: "Lena Lernerin" },
          timeZone: { from: null, to: "Asia/Tokyo" },
          locale: { from: null, to: "de" },
        },
      },
    });
  });

  it("goes back to the company's defaults with the empty choice, and writes nothing when nothing changed", async () => {
    await updateProfile(handle.db, learner, input({ name: "Lena Lernerin", timeZone: "", locale: "" }));
    expect(await loadViewer(handle.db, learner.id)).toMatchObject({ timeZone: "Europe/Berlin", locale: "en" });
    await updateProfile(handle.db, learner, input({ name: "Lena Lernerin", timeZone: "", locale: "" }));
    expect(await handle.db.select().from(auditLog).where(eq(auditLog.targetId, learner.id))).toHaveLength(2);
  });

  it("refuses each bad field with a specific message", () => {
    const issues = (fields: Record<string, unknown>) =>
      updateProfileSchema.safeParse({ operationId: opId(), ...fields }).error?.issues.map((i) => [i.path.join("."), i.message]);
    expect(issues({ name: "   " })).toEqual([["name", "validation.personNameRequired"]]);
    expect(issues({ name: "x".repeat(121) })).toEqual([["name", "validation.nameTooLong"]]);
    expect(issues({ name: "Ok", timeZone: "Mars/Olympus_Mons" })).toEqual([["timeZone", "validation.timeZoneUnknown"]]);
    expect(issues({ name: "Ok", locale: "tlh" })).toEqual([["locale", "validation.localeUnknown"]]);
    expect(issues({ name: "Ok", timeZone: "UTC", locale: "en-GB" })).toBeUndefined();
  });
});
