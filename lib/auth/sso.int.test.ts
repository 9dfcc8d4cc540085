import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { companyDomains, userIdentities, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createPerson } from "@/tests/fixtures";
import { resolveSsoIdentity, type SsoClaims } from "./sso";

const ISSUER = "https://login.acme.example/";

let handle: TestDatabase;
let acmeId: string;
let globexId: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  acmeId = (await createCompany(handle.db, "Acme")).id;
  globexId = (await createCompany(handle.db, "Globex")).id;
  await handle.db.insert(companyDomains).values([
    { domain: "acme.example", companyId: acmeId },
    { domain: "globex.example", companyId: globexId },
  ]);
});
afterAll(() => handle.close());

const claims = (subject: string, email: unknown, emailVerified: unknown = true): SsoClaims => ({
  issuer: ISSUER,
  subject,
  email,
  emailVerified,
});

const identitiesOf = (userId: string) => handle.db.select().from(userIdentities).where(eq(userIdentities.userId, userId));

const userCount = async () => (await handle.db.select({ n: count() }).from(users))[0]!.n;

describe("single sign-on mapping", () => {
  it("links a verified email to the person of the company owning its domain, whatever its case", async () => {
    const ada = await createPerson(handle.db, acmeId, { email: "ada@acme.example" });
    expect(await resolveSsoIdentity(handle.db, claims("sub-ada", " Ada@ACME.example"))).toEqual({ userId: ada.id });
    const [link] = await identitiesOf(ada.id);
    expect(link).toMatchObject({ issuer: ISSUER, subject: "sub-ada", userId: ada.id });
    expect(link?.lastSignInAt).toBeInstanceOf(Date);
  });

  it("finds a linked person again by subject, even when the provider's email has changed since", async () => {
    const bo = await createPerson(handle.db, acmeId, { email: "bo@acme.example" });
    await resolveSsoIdentity(handle.db, claims("sub-bo", "bo@acme.example"));
    const [first] = await identitiesOf(bo.id);

    const again = await resolveSsoIdentity(handle.db, claims("sub-bo", "bo.renamed@elsewhere.example", false));
    expect(again).toEqual({ userId: bo.id });
    const links = await identitiesOf(bo.id);
    expect(links).toHaveLength(1);
    expect(links[0]!.lastSignInAt!.getTime()).toBeGreaterThanOrEqual(first!.lastSignInAt!.getTime());
  });

  it("keeps identities of two issuers apart: the same subject elsewhere is a new identity", async () => {
    const cy = await createPerson(handle.db, acmeId, { email: "cy@acme.example" });
    await resolveSsoIdentity(handle.db, claims("shared-sub", "cy@acme.example"));
    const other = await resolveSsoIdentity(handle.db, { ...claims("shared-sub", "nobody@acme.example"), issuer: "https://other.example/" });
    expect(other).toEqual({ refusal: "sso_person_unknown" });
    expect(await identitiesOf(cy.id)).toHaveLength(1);
  });

  it.each([
    ["an unverified email", "unverified", false],
    ["a missing verification flag", "unflagged", undefined],
    ["a verification flag of 'false'", "false-string", "false"],
  ])("refuses %s and links nothing", async (_case, name, verified) => {
    const dee = await createPerson(handle.db, acmeId, { email: `${name}@acme.example` });
    expect(await resolveSsoIdentity(handle.db, { ...claims(`sub-${name}`, dee.email), emailVerified: verified })).toEqual({
      refusal: "sso_email_unverified",
    });
    expect(await identitiesOf(dee.id)).toHaveLength(0);
  });

  it("accepts a verification flag sent as the string 'true'", async () => {
    const eve = await createPerson(handle.db, acmeId, { email: "eve@acme.example" });
    expect(await resolveSsoIdentity(handle.db, claims("sub-eve", eve.email, "true"))).toEqual({ userId: eve.id });
  });

  it("refuses an identity without an email", async () => {
    expect(await resolveSsoIdentity(handle.db, claims("sub-none", undefined))).toEqual({ refusal: "sso_email_unverified" });
    expect(await resolveSsoIdentity(handle.db, claims("sub-bad", "not-an-address"))).toEqual({ refusal: "sso_email_unverified" });
  });

  it("refuses a domain no company owns, even when a person has that email", async () => {
    await createPerson(handle.db, acmeId, { email: "fay@freelance.example" });
    expect(await resolveSsoIdentity(handle.db, claims("sub-fay", "fay@freelance.example"))).toEqual({
      refusal: "sso_domain_unknown",
    });
  });

  it("refuses an unknown person and never creates an account", async () => {
    const before = await userCount();
    expect(await resolveSsoIdentity(handle.db, claims("sub-stranger", "stranger@acme.example"))).toEqual({
      refusal: "sso_person_unknown",
    });
    expect(await userCount()).toBe(before);
    expect(await handle.db.select().from(userIdentities).where(eq(userIdentities.subject, "sub-stranger"))).toEqual([]);
  });

  it("looks only inside the company that owns the domain", async () => {
    // Emails are unique product-wide, but this one sits in the other company: the domain owner decides.
    const misplaced = await createPerson(handle.db, globexId, { email: "gil@acme.example" });
    expect(await resolveSsoIdentity(handle.db, claims("sub-gil", "gil@acme.example"))).toEqual({
      refusal: "sso_person_unknown",
    });
    expect(await identitiesOf(misplaced.id)).toHaveLength(0);
  });

  it("refuses a deactivated person, whether found by email or already linked", async () => {
    const gone = await createPerson(handle.db, acmeId, { email: "gone@acme.example", deactivated: true });
    expect(await resolveSsoIdentity(handle.db, claims("sub-gone", gone.email))).toEqual({ refusal: "sso_person_deactivated" });
    expect(await identitiesOf(gone.id)).toHaveLength(0);

    const leaver = await createPerson(handle.db, acmeId, { email: "leaver@acme.example" });
    expect(await resolveSsoIdentity(handle.db, claims("sub-leaver", leaver.email))).toEqual({ userId: leaver.id });
    await handle.db.update(users).set({ deactivatedAt: new Date() }).where(eq(users.id, leaver.id));
    expect(await resolveSsoIdentity(handle.db, claims("sub-leaver", leaver.email))).toEqual({
      refusal: "sso_person_deactivated",
    });
  });
});
