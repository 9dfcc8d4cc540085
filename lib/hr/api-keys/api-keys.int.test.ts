import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { apiKeys, auditLog } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { createApiKey } from "./operations/create-api-key-operation";
import { revokeApiKey } from "./operations/revoke-api-key";
import { listApiKeys } from "./queries";

describe("API keys", () => {
  let handle: TestDatabase;
  let db: Database;
  let admin: TestPerson;
  let hr: TestPerson;
  let otherAdmin: TestPerson;

  beforeAll(async () => {
    handle = await createTestDatabase();
    db = handle.db;
    const company = await createCompany(db);
    admin = await createPerson(db, company.id, { roles: ["admin"], name: "Ada Admin" });
    hr = await createPerson(db, company.id, { roles: ["hr"] });
    otherAdmin = await createPerson(db, (await createCompany(db, "Other")).id, { roles: ["admin"] });
  });
  afterAll(async () => handle.close());

  it("creates a 256-bit key, stores only its SHA-256, and shows the secret once", async () => {
    const operationId = opId();
    const { result } = await createApiKey(db, admin, { name: "Workday", scope: "write", operationId });
    expect(result.secret).toMatch(/^chk_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(result.secret!.slice(4), "base64url")).toHaveLength(32);
    const [stored] = await db.select().from(apiKeys).where(eq(apiKeys.id, result.keyId));
    expect(stored!.secretHash).toBe(createHash("sha256").update(result.secret!).digest("hex"));
    expect(JSON.stringify(stored)).not.toContain(result.secret!.slice(4));
    expect(stored).toMatchObject({ prefix: result.secret!.slice(0, 10), scope: "write", createdBy: admin.id, companyId: admin.companyId });
    // The same form submitted again creates nothing and cannot show the secret again.
    const again = await createApiKey(db, admin, { name: "Workday", scope: "write", operationId });
    expect(again.result).toEqual({ keyId: result.keyId, prefix: result.prefix, secret: null });
    expect(await db.$count(apiKeys, eq(apiKeys.companyId, admin.companyId))).toBe(1);
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "api_key.created"), eq(auditLog.targetId, result.keyId)));
    expect(audit).toMatchObject({
      actorId: admin.id,
      targetType: "api_key",
      details: { name: "Workday", scope: "write", prefix: result.prefix },
    });
  });

  it("lists the company's keys only, and lets only admins manage them", async () => {
    await createApiKey(db, otherAdmin, { name: "Elsewhere", scope: "read", operationId: opId() });
    const rows = await listApiKeys(db, admin);
    expect(rows.map((row) => [row.name, row.createdByName, row.lastUsedAt, row.revokedAt])).toEqual([["Workday", "Ada Admin", null, null]]);
    await expect(listApiKeys(db, hr)).rejects.toThrow(new AppError("forbidden"));
    await expect(createApiKey(db, hr, { name: "Mine", scope: "write", operationId: opId() })).rejects.toThrow(new AppError("forbidden"));
  });

  it("revokes a key once, audited; another company's key is not found", async () => {
    const [key] = await listApiKeys(db, admin);
    await expect(revokeApiKey(db, otherAdmin, { keyId: key!.id, operationId: opId() })).rejects.toThrow(new AppError("not_found"));
    await revokeApiKey(db, admin, { keyId: key!.id, operationId: opId() });
    await revokeApiKey(db, admin, { keyId: key!.id, operationId: opId() });
    const [row] = await listApiKeys(db, admin);
    expect(row!.revokedAt).toBeInstanceOf(Date);
    expect(await db.$count(auditLog, and(eq(auditLog.action, "api_key.revoked"), eq(auditLog.targetId, key!.id)))).toBe(1);
  });
});
