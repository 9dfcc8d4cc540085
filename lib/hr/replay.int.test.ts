import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKeys, importJobs, importRows } from "@/db/schema";
import type { Committed } from "@/lib/operations/kernel";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createDepartment, createGroup, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { footprint } from "@/tests/footprint";
import { expectOnce, expectOneEffect } from "@/tests/replay";
import { createApiKey, createApiKeyOperation } from "./api-keys/operations/create-api-key-operation";
import { revokeApiKey } from "./api-keys/operations/revoke-api-key";
import { newApiKeySecret } from "./api-keys/secret";
import { changeDepartment } from "./forms/operations/change-department";
import { createNewHire } from "./forms/operations/create-new-hire";
import { recordLeaver } from "./forms/operations/record-leaver";
import { newHireSchema } from "./forms/schemas";
import { importSteps } from "./import/steps";

let handle: TestDatabase;
let admin: TestPerson;
let hr: TestPerson;
let companyId: string;
let support: { id: string };
let wave: { id: string };

beforeAll(async () => {
  handle = await createTestDatabase();
  companyId = (await createCompany(handle.db, "Acme")).id;
  admin = await createPerson(handle.db, companyId, { roles: ["admin"], name: "Ada Admin" });
  hr = await createPerson(handle.db, companyId, { roles: ["hr"], name: "Hana HR" });
  support = await createDepartment(handle.db, companyId, "Support");
  wave = await createGroup(handle.db, admin, { name: "Onboarding" });
});
afterAll(() => handle.close());

/** Each call with another email: a second run would be a second person, not a refusal. */
const newHire = (operationId: string) =>
  createNewHire(
    handle.db,
    hr,
    newHireSchema.parse({
      name: "Nora New",
      email: `nora.${randomUUID()}@hire.example`,
      startDate: "2030-03-09",
      groupIds: [wave.id],
      operationId,
    }),
  );

/** The company's footprint and the rows of the tables the API keys and the import write besides. */
const observe = async () => ({
  company: await footprint(handle.db, companyId),
  keys: await handle.db.select().from(apiKeys).where(eq(apiKeys.companyId, companyId)).orderBy(apiKeys.id),
  jobs: await handle.db.select().from(importJobs).where(eq(importJobs.companyId, companyId)).orderBy(importJobs.id),
  staged: await handle.db.$count(importRows),
});

describe("same operation id twice, one effect", () => {
  it("hr.new_hire", () => expectOnce(handle.db, companyId, newHire));

  it("hr.department_change", async () => {
    const { result } = await newHire(opId());
    await expectOnce(handle.db, companyId, (operationId) =>
      changeDepartment(handle.db, hr, {
        personId: result.userId,
        departmentId: support.id,
        addGroupIds: [],
        removeGroupIds: [wave.id],
        operationId,
      }),
    );
  });

  it("hr.leaver", async () => {
    const { result } = await newHire(opId());
    await expectOnce(handle.db, companyId, (operationId) => recordLeaver(handle.db, hr, { personId: result.userId, operationId }));
  });

  it("apiKey.create, whose second call shows no secret", async () => {
    const operationId = opId();
    const input = { name: "Sync", scope: "write" as const, operationId };
    await expectOneEffect({
      name: "apiKey.create",
      prepare: async () => ({ call: () => createApiKeyOperation(handle.db, admin, { ...input, secret: newApiKeySecret() }), observe }),
    });
    expect((await createApiKey(handle.db, admin, input)).result.secret).toBeNull();
  });

  it("apiKey.revoke", async () => {
    const { result } = await createApiKey(handle.db, admin, { name: "Old", scope: "read", operationId: opId() });
    const input = { keyId: result.keyId, operationId: opId() };
    await expectOneEffect({ name: "apiKey.revoke", prepare: async () => ({ call: () => revokeApiKey(handle.db, admin, input), observe }) });
  });

  it("every step of an import: upload, stage, ready, confirm, apply; invalid and failed", async () => {
    const { recordJob, markInvalid, stageRows, markReady, claimForApplying, applyJob, markFailed } = importSteps;
    const once = (name: string, call: () => Promise<Committed<unknown>>) =>
      expectOneEffect({ name, prepare: async () => ({ call, observe }) });
    const upload = { fileName: "people.csv", fileHash: "0".repeat(64), totalRows: 1, operationId: opId() };
    await once("upload", () => recordJob(handle.db, hr, upload));
    const { result: job } = await recordJob(handle.db, hr, upload);
    const rows = [
      {
        row: 2,
        email: `ivy.${randomUUID()}@import.example`,
        name: "Ivy Import",
        departmentId: null,
        managerEmail: null,
        groupIds: [wave.id],
      },
    ];
    const step = { jobId: job.jobId, operationId: opId() };
    await once("stage", () => stageRows(handle.db, hr, { ...step, rows, stagedRows: 1 }));
    const ready = { ...step, operationId: opId() };
    await once("ready", () => markReady(handle.db, hr, ready));
    const confirm = { ...step, operationId: opId() };
    await once("confirm", () => claimForApplying(handle.db, hr, confirm));
    const apply = { ...step, operationId: opId() };
    await once("apply", () => applyJob(handle.db, hr, apply));
    expect((await applyJob(handle.db, hr, apply)).result).toEqual({ created: 1, updated: 0, unchanged: 0, memberships: 1 });

    const { result: other } = await recordJob(handle.db, hr, { ...upload, operationId: opId() });
    const invalid = { jobId: other.jobId, problems: [{ row: 2, message: "emailInvalid" }], problemCount: 1, operationId: opId() };
    await once("invalid", () => markInvalid(handle.db, hr, invalid));
    const failed = { jobId: other.jobId, code: "import_failed", values: {}, operationId: opId() };
    await once("failed", () => markFailed(handle.db, hr, failed));
  });
});
