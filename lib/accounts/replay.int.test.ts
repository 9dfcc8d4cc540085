import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, it } from "vitest";
import { accountTokens, userSessions, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { openSession } from "@/lib/auth/sessions";
import type { Committed } from "@/lib/operations/kernel";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { footprint } from "@/tests/footprint";
import { expectOneEffect } from "@/tests/replay";
import { changePassword } from "@/lib/accounts/operations/change-password";
import { invitePerson } from "@/lib/accounts/operations/invite-person";
import { resendInvitation } from "@/lib/accounts/operations/resend-invitation";
import { sendResetLink } from "@/lib/accounts/operations/send-reset-link";
import { signOutEverywhere } from "@/lib/accounts/operations/sign-out-everywhere";
import { spendLink } from "@/lib/accounts/operations/spend-link";
import { issueToken } from "@/lib/account-links/tokens";

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

/** The company's footprint, and the links and sessions of its people, which accounts' operations write besides. */
async function observe() {
  const people = handle.db.select({ id: users.id }).from(users).where(eq(users.companyId, companyId));
  return {
    company: await footprint(handle.db, companyId),
    links: await handle.db.select().from(accountTokens).where(inArray(accountTokens.userId, people)).orderBy(accountTokens.id),
    sessions: await handle.db.select().from(userSessions).where(eq(userSessions.companyId, companyId)).orderBy(userSessions.id),
  };
}

/** Each operation with a fixed input (so one operation id), prepared on a person of its own. */
const cases: [string, () => Promise<() => Promise<Committed<unknown>>>][] = [
  [
    "people.invite",
    async () => {
      const input = { name: "Nia New", email: unique("nia"), departmentId: null, roles: [], operationId: opId() };
      return () => invitePerson(handle.db, admin, input);
    },
  ],
  [
    "person.resendInvitation",
    async () => {
      const { result } = await invitePerson(handle.db, admin, {
        name: "Pat Pending",
        email: unique("pat"),
        departmentId: null,
        roles: [],
        operationId: opId(),
      });
      const input = { userId: result.userId, operationId: opId() };
      return () => resendInvitation(handle.db, admin, input);
    },
  ],
  [
    "account.changePassword",
    async () => {
      const person = await createPerson(handle.db, companyId, { email: unique("chan"), passwordHash: await hashPassword(PASSWORD) });
      const input = { currentPassword: PASSWORD, password: "my next password", confirmPassword: "my next password", operationId: opId() };
      return () => changePassword(handle.db, person, input);
    },
  ],
  [
    "account.signOutEverywhere",
    async () => {
      const person = await createPerson(handle.db, companyId, { email: unique("sam") });
      await openSession(handle.db, person.id);
      const input = { operationId: opId() };
      return () => signOutEverywhere(handle.db, person, input);
    },
  ],
  [
    "account.setPassword, as the link's holder",
    async () => {
      const person = await createPerson(handle.db, companyId, { email: unique("lee"), passwordHash: null });
      const { token } = await issueToken(handle.db, { userId: person.id, purpose: "invitation", createdBy: admin.id });
      const input = { token, passwordHash: await hashPassword(PASSWORD), operationId: opId() };
      return () => spendLink(handle.db, person, input);
    },
  ],
  [
    "account.requestReset, as the address's owner",
    async () => {
      const person = await createPerson(handle.db, companyId, { email: unique("rea"), passwordHash: await hashPassword(PASSWORD) });
      const input = { operationId: opId() };
      return () => sendResetLink(handle.db, person, input);
    },
  ],
];

describe("same operation id twice, one effect", () => {
  it.each(cases)("%s", (name, prepare) => expectOneEffect({ name, prepare: async () => ({ call: await prepare(), observe }) }));
});
