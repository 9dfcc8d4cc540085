import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { createSession } from "@/lib/auth/sessions";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { expectOneEffect } from "@/tests/same-operation";
import { changePassword, invitePerson, resendInvitation, signOutEverywhere, spendLink } from "./service";
import { issueToken } from "./tokens";

const PASSWORD = "a long enough secret";
let handle: TestDatabase;
let admin: TestPerson;
let companyId: string;

const unique = (name: string) => `${name}.${crypto.randomUUID().slice(0, 8)}@replay.example`;

beforeAll(async () => {
  handle = await createTestDatabase();
  companyId = (await createCompany(handle.db, "Acme")).id;
  admin = await createPerson(handle.db, companyId, { roles: ["admin"], name: "Dana Admin", email: unique("dana") });
});
afterAll(() => handle.close());

describe("same operation id twice, one effect", () => {
  it("people.invite", async () => {
    const email = unique("nia");
    await expectOneEffect(handle.db, (operationId) => invitePerson(handle.db, admin, { name: "Nia New", email, departmentId: null, roles: [], operationId }));
  });

  it("person.resendInvitation", async () => {
    const { result } = await invitePerson(handle.db, admin, { name: "Pat Pending", email: unique("pat"), departmentId: null, roles: [], operationId: opId() });
    await expectOneEffect(handle.db, (operationId) => resendInvitation(handle.db, admin, { userId: result.userId, operationId }));
  });

  it("account.changePassword, whose replay answers the first session", async () => {
    const person = await createPerson(handle.db, companyId, { email: unique("chan"), passwordHash: await hashPassword(PASSWORD) });
    const next = { currentPassword: PASSWORD, password: "my next password", confirmPassword: "my next password" };
    const first = await expectOneEffect(handle.db, (operationId) => changePassword(handle.db, person, { ...next, operationId }));
    expect(first.result.sessionId).toEqual(expect.any(String));
  });

  it("account.signOutEverywhere", async () => {
    const person = await createPerson(handle.db, companyId, { email: unique("sam") });
    await createSession(handle.db, person.id);
    const first = await expectOneEffect(handle.db, (operationId) => signOutEverywhere(handle.db, person, { operationId }));
    expect(first.result).toEqual({ sessionsEnded: 1 });
  });

  it("account.setPassword, as the link's holder", async () => {
    const person = await createPerson(handle.db, companyId, { email: unique("lee"), passwordHash: null });
    const { token } = await issueToken(handle.db, { userId: person.id, purpose: "invitation", createdBy: admin.id });
    const passwordHash = await hashPassword(PASSWORD);
    const first = await expectOneEffect(handle.db, (operationId) => spendLink(handle.db, person, { token, passwordHash, operationId }));
    expect(first.result).toEqual({ email: person.email });
  });
});
