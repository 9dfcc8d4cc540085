import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { companies, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createPerson } from "@/tests/fixtures";
import { checkCredentials } from "./credentials";
import { hashPassword } from "./password";
import { loadViewer } from "./viewer";

let handle: TestDatabase;
let companyId: string;
let hash: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  companyId = (await createCompany(handle.db, "Acme")).id;
  hash = await hashPassword("correct horse");
});
afterAll(() => handle.close());

describe("sign-in credentials", () => {
  it("accepts the right password, whatever the email's case", async () => {
    const person = await createPerson(handle.db, companyId, { email: "ada@acme.example", passwordHash: hash });
    expect(await checkCredentials(handle.db, { email: "Ada@Acme.Example ", password: "correct horse" })).toEqual({
      id: person.id,
      companyId,
    });
  });

  it.each([
    ["a wrong password", { email: "ada@acme.example", password: "wrong" }],
    ["an unknown email", { email: "nobody@acme.example", password: "correct horse" }],
    ["a malformed email", { email: "not-an-email", password: "correct horse" }],
    ["a missing password", { email: "ada@acme.example" }],
  ])("refuses %s", async (_case, input) => {
    expect(await checkCredentials(handle.db, input)).toBeNull();
  });

  it("refuses an invited person who never set a password, and a deactivated one", async () => {
    await createPerson(handle.db, companyId, { email: "invited@acme.example", passwordHash: null });
    await createPerson(handle.db, companyId, { email: "gone@acme.example", passwordHash: hash, deactivated: true });
    expect(await checkCredentials(handle.db, { email: "invited@acme.example", password: "" })).toBeNull();
    expect(await checkCredentials(handle.db, { email: "gone@acme.example", password: "correct horse" })).toBeNull();
  });
});

describe("the viewer read on every request", () => {
  it("falls back to the company's locale and time zone, and prefers the person's own", async () => {
    const plain = await createPerson(handle.db, companyId);
    const viewer = await loadViewer(handle.db, plain.id);
    expect(viewer).toMatchObject({ companyId, locale: "en", timeZone: "Europe/Berlin", companyName: "Acme", roles: [] });

    await handle.db.update(users).set({ locale: "de", timeZone: "America/New_York" }).where(eq(users.id, plain.id));
    expect(await loadViewer(handle.db, plain.id)).toMatchObject({ locale: "de", timeZone: "America/New_York" });
  });

  it("sees a role change and a deactivation at the next request", async () => {
    const person = await createPerson(handle.db, companyId);
    await handle.db
      .update(users)
      .set({ roles: ["admin"] })
      .where(eq(users.id, person.id));
    expect((await loadViewer(handle.db, person.id))?.roles).toEqual(["admin"]);
    await handle.db.update(users).set({ deactivatedAt: new Date() }).where(eq(users.id, person.id));
    expect(await loadViewer(handle.db, person.id)).toBeNull();
  });

  it("knows nobody for an unknown id", async () => {
    expect(await loadViewer(handle.db, "00000000-0000-0000-0000-000000000000")).toBeNull();
    // The company default changes what everyone without their own setting sees.
    await handle.db.update(companies).set({ defaultLocale: "fr" }).where(eq(companies.id, companyId));
    const person = await createPerson(handle.db, companyId);
    expect((await loadViewer(handle.db, person.id))?.locale).toBe("fr");
  });
});
