import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { companies, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createPerson } from "@/tests/fixtures";
import bcrypt from "bcryptjs";
import { attemptSignIn, checkCredentials } from "./credentials";
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

  it("hashes new passwords with argon2id at OWASP's parameters", () => {
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it("lets an account with a bcrypt hash in and replaces the hash with argon2id; a wrong password changes nothing", async () => {
    const legacy = await bcrypt.hash("old but right", 4);
    const person = await createPerson(handle.db, companyId, { email: "legacy@acme.example", passwordHash: legacy });
    const stored = async () => (await handle.db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, person.id)))[0]!.hash;

    expect(await attemptSignIn(handle.db, { email: "legacy@acme.example", password: "wrong" }, null)).toMatchObject({ ok: false });
    expect(await stored()).toBe(legacy);

    expect(await attemptSignIn(handle.db, { email: "legacy@acme.example", password: "old but right" }, null)).toEqual({
      ok: true,
      id: person.id,
      companyId,
    });
    const upgraded = await stored();
    expect(upgraded).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    // The new hash lets the same password in, and is left alone from then on.
    expect(await attemptSignIn(handle.db, { email: "legacy@acme.example", password: "old but right" }, null)).toMatchObject({ ok: true });
    expect(await stored()).toBe(upgraded);
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
