import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { auditLog, companyDomains, users } from "@/db/schema";
import type { Ctx } from "@/lib/auth/viewer";
import type { AppError } from "@/lib/errors";
import { createNewHire } from "@/lib/hr/forms/operations/create-new-hire";
import { newHireSchema } from "@/lib/hr/forms/schemas";
import { applyImport, confirmImport } from "@/lib/hr/import/confirm";
import { readImportJob } from "@/lib/hr/import/queries";
import { startImport } from "@/lib/hr/import/staging";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { recordAudit } from "@/lib/operations/audit";
import { ADDRESS_REFUSALS_PER_HOUR, ADDRESS_REFUSED, addressRefusalAudit, emailUnavailable } from "./addresses";
import { invitePersonSchema } from "./schemas";
import { invitePerson } from "@/lib/accounts/operations/invite-person";

/**
 * Issue 17, item 3: no cross-company oracle, no squatting. An address on a domain another company
 * registered is refused on every path that creates people, with one message; a taken address still
 * answers "cannot be used" to a single invitation, audited and limited; the import's check never tells
 * another company's address from a new one, and Confirm fails on it, naming the row, audited.
 */

let handle: TestDatabase;
let db: Database;
let admin: TestPerson;
let hr: TestPerson;
/** A Globex person on a domain nobody registered: their address exists, but only the unique index knows. */
let elsewhere: TestPerson;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  const acme = await createCompany(db, "Acme");
  const globex = await createCompany(db, "Globex");
  await db.insert(companyDomains).values([
    { domain: "acme-addr.example", companyId: acme.id },
    { domain: "globex-addr.example", companyId: globex.id },
  ]);
  admin = await createPerson(db, acme.id, { roles: ["admin"], name: "Dana Admin" });
  hr = await createPerson(db, acme.id, { roles: ["hr"], name: "Hana HR" });
  elsewhere = await createPerson(db, globex.id, { email: "pat@unregistered-addr.example" });
});
afterAll(() => handle.close());

const codeOf = (attempt: Promise<unknown>) =>
  attempt.then(
    () => "ok",
    (error: AppError) => error.code,
  );
const invite = (ctx: Ctx, email: string) =>
  invitePerson(db, ctx, invitePersonSchema.parse({ name: "Someone", email, operationId: opId() }));
const hire = (email: string) =>
  createNewHire(db, hr, newHireSchema.parse({ name: "Someone", email, startDate: "2026-03-09", operationId: opId() }), {
    now: new Date("2026-03-02T09:00:00Z"),
  });
const refusals = (ctx: Ctx) =>
  db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, ADDRESS_REFUSED), eq(auditLog.actorId, ctx.userId)));

async function upload(ctx: Ctx, rows: string[]) {
  const started = await startImport(db, ctx, { fileName: "people.csv", text: ["email,name", ...rows].join("\n") });
  await started.run();
  return readImportJob(db, ctx, started.job.id);
}

describe("another company's registered domain", () => {
  it("is refused on every path with one message, creating nobody", async () => {
    const before = await db.$count(users);
    const squat = "ceo@globex-addr.example";
    expect(await codeOf(invite(admin, squat))).toBe("accounts.errors.emailDomainForeign");
    expect(await codeOf(invite(admin, "ceo@GLOBEX-ADDR.example"))).toBe("accounts.errors.emailDomainForeign");
    expect(await codeOf(hire(squat))).toBe("accounts.errors.emailDomainForeign");
    const job = await upload(hr, [`${squat},Squatter`]);
    expect(job).toMatchObject({ status: "invalid", problems: [{ row: 2, field: "email", message: "emailDomainForeign" }] });
    expect(await db.$count(users)).toBe(before);
  });

  it("sibling: the company's own domain and a domain nobody registered are fine", async () => {
    expect(await codeOf(invite(admin, "new.colleague@acme-addr.example"))).toBe("ok");
    expect(await codeOf(hire("new.hire@acme-addr.example"))).toBe("ok");
    expect(await codeOf(invite(admin, "freelancer@unregistered-addr.example"))).toBe("ok");
  });
});

describe("a single invitation of a taken address", () => {
  it("answers 'cannot be used', audited; past the hour's limit it invites nobody, while others still may", async () => {
    const limited = await createPerson(db, admin.companyId, { roles: ["admin"], name: "Probing Admin" });
    expect(await codeOf(invite(limited, elsewhere.email))).toBe("accounts.errors.emailUnavailable");
    expect(await refusals(limited)).toEqual([
      expect.objectContaining({ details: { reason: "email_unavailable", via: "invitation", email: elsewhere.email, row: null } }),
    ]);
    for (let i = 1; i < ADDRESS_REFUSALS_PER_HOUR; i++) {
      await recordAudit(db, limited, addressRefusalAudit(emailUnavailable(), { via: "invitation", email: `probe${i}@x.example` })!);
    }
    // Now a free address and a taken one answer alike: nothing is learnt past the limit.
    expect(await codeOf(invite(limited, "free.address@unregistered-addr.example"))).toBe("accounts.errors.addressRefusalsLimited");
    expect(await codeOf(invite(limited, elsewhere.email))).toBe("accounts.errors.addressRefusalsLimited");
    expect(await db.$count(users, eq(users.email, "free.address@unregistered-addr.example"))).toBe(0);
    // The limit is the prober's own.
    expect(await codeOf(invite(admin, "free.address@unregistered-addr.example"))).toBe("ok");
  });
});

describe("the import", () => {
  it("checks another company's address like a new one; Confirm fails the whole import naming the row, audited", async () => {
    const job = await upload(hr, ["first.new@acme-addr.example,First New", `${elsewhere.email},Pat Elsewhere`]);
    expect(job).toMatchObject({ status: "ready", problems: [], summary: { created: 2, updated: 0, unchanged: 0 } });
    const before = await db.$count(users);
    await confirmImport(db, hr, job.id);
    await expect(applyImport(db, hr, job.id)).rejects.toMatchObject({ code: "import_email_unavailable", values: { row: 3 } });
    expect(await readImportJob(db, hr, job.id)).toMatchObject({
      status: "failed",
      error: { code: "import_email_unavailable", values: { row: 3 } },
    });
    expect(await db.$count(users)).toBe(before);
    expect((await refusals(hr)).filter((row) => row.targetId === job.id)).toEqual([
      expect.objectContaining({ actorKind: "hr", details: { reason: "email_unavailable", via: "import", email: null, row: 3 } }),
    ]);

    // Sibling: without that row the same import goes through.
    const fixed = await upload(hr, ["first.new@acme-addr.example,First New"]);
    await confirmImport(db, hr, fixed.id);
    expect((await applyImport(db, hr, fixed.id)).result).toMatchObject({ created: 1 });
  });
});
