import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { certificates, streaks, userBadges, users } from "@/db/schema";
import { refusalOr } from "@/tests/refusal";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createCourse, createPerson, type TestPerson } from "@/tests/fixtures";
import { getCertificate, getLearningRecords, getMyStreak } from "./achievements";

let handle: TestDatabase;
let people: Record<"owner" | "admin" | "hr" | "learner" | "foreignAdmin" | "foreignHr", TestPerson>;
let certificateId: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  const { db } = handle;
  const acme = await createCompany(db, "Acme");
  const globex = await createCompany(db, "Globex");
  people = {
    owner: await createPerson(db, acme.id, { name: "Olga Owner" }),
    admin: await createPerson(db, acme.id, { roles: ["admin"] }),
    hr: await createPerson(db, acme.id, { roles: ["hr"] }),
    learner: await createPerson(db, acme.id),
    foreignAdmin: await createPerson(db, globex.id, { roles: ["admin"] }),
    foreignHr: await createPerson(db, globex.id, { roles: ["hr"] }),
  };
  const welcome = await createCourse(db, acme.id, "Welcome");
  const sales = await createCourse(db, acme.id, "Sales");
  const [certificate] = await db
    .insert(certificates)
    .values([
      {
        companyId: acme.id,
        userId: people.owner.id,
        courseId: welcome.id,
        serial: "ACME-0001",
        issuedAt: new Date("2026-03-01T10:00:00Z"),
      },
      { companyId: acme.id, userId: people.owner.id, courseId: sales.id, serial: "ACME-0002", issuedAt: new Date("2026-03-05T10:00:00Z") },
    ])
    .returning();
  certificateId = certificate!.id;
  await db.insert(userBadges).values([
    {
      companyId: acme.id,
      userId: people.owner.id,
      badge: "first_course",
      courseId: welcome.id,
      awardedAt: new Date("2026-03-01T10:00:00Z"),
    },
    {
      companyId: acme.id,
      userId: people.owner.id,
      badge: "first_lesson",
      courseId: welcome.id,
      awardedAt: new Date("2026-02-20T10:00:00Z"),
    },
    { companyId: acme.id, userId: people.learner.id, badge: "first_lesson", courseId: sales.id },
  ]);
});
afterAll(() => handle.close());

describe("a certificate", () => {
  it.each([
    ["owner", true],
    ["admin", true],
    ["hr", true],
    ["learner", false],
    ["foreignAdmin", false],
    ["foreignHr", false],
  ] as const)("is readable by %s: %s", async (who, readable) => {
    const certificate = await getCertificate(handle.db, people[who], certificateId);
    expect(certificate).toEqual(
      readable
        ? {
            id: certificateId,
            serial: "ACME-0001",
            issuedAt: new Date("2026-03-01T10:00:00Z"),
            courseId: expect.any(String),
            courseTitle: "Welcome",
            ownerId: people.owner.id,
            ownerName: "Olga Owner",
          }
        : null,
    );
  });

  it("is not found under an id that is nobody's", async () => {
    expect(await getCertificate(handle.db, people.admin, crypto.randomUUID())).toBeNull();
  });
});

describe("a person's badges and certificates", () => {
  const ownersRecords = () => ({
    badges: [
      { badge: "first_lesson", awardedAt: new Date("2026-02-20T10:00:00Z"), courseTitle: "Welcome" },
      { badge: "first_course", awardedAt: new Date("2026-03-01T10:00:00Z"), courseTitle: "Welcome" },
    ],
    certificates: [
      expect.objectContaining({ serial: "ACME-0002", courseTitle: "Sales" }),
      expect.objectContaining({ id: certificateId, serial: "ACME-0001", courseTitle: "Welcome" }),
    ],
  });

  it.each([
    ["owner", "all"],
    ["admin", "all"],
    ["hr", "all"],
    ["learner", "forbidden"],
    ["foreignAdmin", "none"],
    ["foreignHr", "none"],
  ] as const)("of the owner, as read by %s: %s", async (who, expected) => {
    const records = await refusalOr(() => getLearningRecords(handle.db, people[who], people.owner.id));
    if (expected === "forbidden") expect(records).toBe("forbidden");
    else expect(records).toEqual(expected === "all" ? ownersRecords() : { badges: [], certificates: [] });
  });

  it("of a learner, as read by themselves", async () => {
    const records = await getLearningRecords(handle.db, people.learner, people.learner.id);
    expect(records).toEqual({ badges: [expect.objectContaining({ badge: "first_lesson", courseTitle: "Sales" })], certificates: [] });
  });
});

describe("my current streak", () => {
  const setStreak = async (person: TestPerson, lastDay: string, timeZone: string | null) => {
    await handle.db.update(users).set({ timeZone }).where(eq(users.id, person.id));
    await handle.db
      .insert(streaks)
      .values({ userId: person.id, companyId: person.companyId, current: 4, longest: 9, lastDay })
      .onConflictDoUpdate({ target: streaks.userId, set: { lastDay } });
  };

  it("is zero before the first completed lesson", async () => {
    expect(await getMyStreak(handle.db, people.hr)).toEqual({ current: 0, longest: 0 });
  });

  it.each([
    ["today", "2026-03-10", "UTC", 4],
    ["yesterday", "2026-03-09", "UTC", 4],
    ["the day before yesterday", "2026-03-08", "UTC", 0],
    // 20:00 UTC is already the 11th in Tokyo, so the 9th is two days back there.
    ["yesterday in UTC, two days back in Tokyo", "2026-03-09", "Asia/Tokyo", 0],
    ["yesterday in Tokyo", "2026-03-10", "Asia/Tokyo", 4],
    // No own time zone: the company's (Europe/Berlin, 21:00 on the 10th).
    ["yesterday in the company's time zone", "2026-03-09", null, 4],
  ] as const)("counts when the last lesson was %s", async (_, lastDay, timeZone, current) => {
    await setStreak(people.learner, lastDay, timeZone);
    expect(await getMyStreak(handle.db, people.learner, new Date("2026-03-10T20:00:00Z"))).toEqual({ current, longest: 9 });
  });
});
