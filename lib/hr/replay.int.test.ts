import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createDepartment, createGroup, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { expectOneEffect } from "@/tests/same-operation";
import { createApiKey, createApiKeyOperation, newApiKeySecret, revokeApiKey } from "./api-keys";
import { changeDepartment } from "./forms/department-change";
import { createNewHire } from "./forms/new-hire";
import { newHireSchema } from "./forms/schemas";
import { importSteps, readImportJob } from "./import/service";

let handle: TestDatabase;
let admin: TestPerson;
let hr: TestPerson;
let support: { id: string };
let wave: { id: string };

beforeAll(async () => {
  handle = await createTestDatabase();
  const acme = await createCompany(handle.db, "Acme");
  admin = await createPerson(handle.db, acme.id, { roles: ["admin"], name: "Ada Admin" });
  hr = await createPerson(handle.db, acme.id, { roles: ["hr"], name: "Hana HR" });
  support = await createDepartment(handle.db, acme.id, "Support");
  wave = await createGroup(handle.db, admin, { name: "Onboarding" });
});
afterAll(() => handle.close());

const newHire = (operationId: string) =>
  createNewHire(handle.db, hr, newHireSchema.parse({ name: "Nora New", email: `nora.${randomUUID()}@hire.example`, startDate: "2030-03-09", groupIds: [wave.id], operationId }));

describe("same operation id twice, one effect", () => {
  it("hr.new_hire (the second with another email still answers the first person)", async () => {
    const operationId = opId();
    await expectOneEffect(handle.db, () => newHire(operationId));
  });

  it("hr.department_change", async () => {
    const { result } = await newHire(opId());
    await expectOneEffect(handle.db, (operationId) =>
      changeDepartment(handle.db, hr, { personId: result.userId, departmentId: support.id, addGroupIds: [], removeGroupIds: [wave.id], operationId }),
    );
  });

  it("apiKey.create, whose second call shows no secret", async () => {
    const operationId = opId();
    const first = await expectOneEffect(handle.db, () => createApiKeyOperation(handle.db, admin, { name: "Sync", scope: "write", secret: newApiKeySecret(), operationId }), operationId);
    const again = await createApiKey(handle.db, admin, { name: "Sync", scope: "write", operationId });
    expect(again.result).toEqual({ keyId: first.result.keyId, prefix: first.result.prefix, secret: null });
  });

  it("apiKey.revoke", async () => {
    const { result } = await createApiKey(handle.db, admin, { name: "Old", scope: "read", operationId: opId() });
    await expectOneEffect(handle.db, (operationId) => revokeApiKey(handle.db, admin, { keyId: result.keyId, operationId }));
  });

  it("every step of an import: upload, invalid, stage, ready, confirm, apply, failed", async () => {
    const { recordJob, markInvalid, stageRows, markReady, claimForApplying, applyJob, markFailed } = importSteps;
    const upload = (operationId: string) => recordJob(handle.db, hr, { fileName: "people.csv", fileHash: "h", totalRows: 1, operationId });
    const { result: job } = await expectOneEffect(handle.db, upload);
    const jobId = job.jobId;
    const rows = [{ row: 2, email: `ivy.${randomUUID()}@import.example`, name: "Ivy Import", departmentId: null, managerEmail: null, groupIds: [wave.id] }];
    await expectOneEffect(handle.db, (operationId) => stageRows(handle.db, hr, { jobId, rows, stagedRows: 1, operationId }));
    await expectOneEffect(handle.db, (operationId) => markReady(handle.db, hr, { jobId, operationId }));
    await expectOneEffect(handle.db, (operationId) => claimForApplying(handle.db, hr, { jobId, operationId }));
    const applied = await expectOneEffect(handle.db, (operationId) => applyJob(handle.db, hr, { jobId, operationId }));
    expect(applied.result).toEqual({ created: 1, updated: 0, unchanged: 0, memberships: 1 });
    expect((await readImportJob(handle.db, hr, jobId)).status).toBe("done");

    const { result: other } = await upload(opId());
    await expectOneEffect(handle.db, (operationId) => markInvalid(handle.db, hr, { jobId: other.jobId, problems: [{ row: 2, message: "emailInvalid" }], problemCount: 1, operationId }));
    await expectOneEffect(handle.db, (operationId) => markFailed(handle.db, hr, { jobId: other.jobId, code: "import_failed", values: {}, operationId }));
  });
});
